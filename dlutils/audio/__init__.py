"""Course 5 audio: synthesis, wav files, spectrograms, 1-D convolution, trigger-word data. Layout: clips (m, n_samples)
or spectrograms (n_freq, m, T_x)."""
