"""dlutils: the Deep Learning Workbook's shared numpy package.

``import dlutils as dl`` gives the notebooks everything; ``dl.<name>`` is the stable interface
(names do not change when a module moves). Subpackages are grouped by role, one concept per module:

====================================  ======================================================
nn/activations                        sigmoid, tanh, relu, leaky relu, softmax; ``Activation`` layer
nn/initializers                       zeros, random, xavier, glorot, he for any layer_dims
nn/dense                              linear / linear+activation / L-layer forward and backward; ``Dense``
nn/losses                             L1, L2, binary and softmax cross-entropy, one-hot helpers
nn/regularization                     L2 cost and gradient, inverted dropout; ``Dropout``
nn/batchnorm                          batch normalization forward/backward, running averages; ``BatchNorm``
nn/rnn, nn/gru, nn/lstm               RNN / GRU / LSTM cells and sequences, BPTT (fused fast path + per-step reference)
nn/recurrent_layers                  ``SimpleRNN``, ``GRU``, ``LSTM``, ``Bidirectional`` layers; bidirectional wrapper
nn/layer                              the layer protocol of Sequential: ``Layer``, ``Block`` (per-example shapes)
nn/conv                               zero_pad, conv_single_step, output size, vectorized conv_forward / conv_backward
nn/conv_loops                         the lecture's loop conv_forward / conv_backward (the teaching reference)
nn/conv_input_grad                    how conv_backward adds up dA_prev (block-Toeplitz products at stride 1, shifted adds)
nn/scratch                            recycled big arrays for the convolution (reused only when nothing else refers to them)
nn/pooling                            max and average pooling forward/backward (vectorized + loops), masks
nn/conv_layers                        ``Conv2D`` (1x1 included), ``ZeroPadding2D``
nn/pooling_layers                     ``MaxPool2D``, ``AvgPool2D`` (with padding)
nn/transposed_conv                    transposed convolution forward/backward, nearest upsampling; ``Conv2DTranspose``, ``UpSampling2D``
nn/flatten                            ``Flatten``, ``GlobalAveragePooling2D``: conv volumes to (n, m)
nn/depthwise                          depthwise convolution forward/backward; ``DepthwiseConv2D``
nn/residual                           ``Residual``, ``IdentityBlock``, ``ConvolutionalBlock`` (skip connections)
nn/inception                          ``Inception``: branches concatenated along the channels
nn/embedding                          embedding lookup ``e_w = E o_w`` forward/backward (add.at); ``Embedding`` layer
nn/attention                          scaled dot-product attention (finite masks), attention_padding_mask, look_ahead_mask, multi-head attention
nn/transformer, nn/transformer_model  positional encoding, layer norm, FFN, encoder/decoder layers; encoder-decoder model, loss, training
optim/optimizers                      gd, momentum, RMSprop, Adam update rules with per-parameter state
optim/mini_batches                    shuffle-then-partition mini-batches
optim/schedules                       learning-rate decay (inverse time, stepwise, step)
optim/ewma                            exponentially weighted averages, bias correction
optim/clipping                        gradient clipping by value (the course's) and by global norm
optim/warmup                          the Transformer's warm-up learning-rate schedule
train/models                          Model contract; LogisticRegression, DeepNet
train/training                        train(): the one training loop (also behind fit and the panels), divergence reports
train/history                         History: which iteration each recorded cost belongs to; evaluate
train/sequential                      Sequential: fit / evaluate / predict / summary (the compact API)
train/summary                         count_network: shapes, parameters, multiply-adds from a layer list
train/architectures                   LeNet-5, AlexNet, VGG-16, ResNet-50 specs; plain vs residual depth experiment
train/weights                         save/load weights as .h5 (subsets), freeze / unfreeze layers
train/callbacks                       EarlyStopping, ProgressBar
train/gradient_check                  centred differences, relative error, whole-network checks
train/tuning                          random search on linear/log/1-beta scales, coarse to fine
train/recurrent_diagnostics           gradient norm by distance (vanishing/exploding), memory-task training
data/datasets                         our .h5 datasets and the course's file layout; image helpers
data/synthetic                        2-D point sets (flower, moons, circles, blobs, quantiles, noisy_2d)
data/strategy_tasks                   Course 3: synthetic tasks with known Bayes error and hidden causes
data/sequence_tasks                   Course 5: the memory (recall a symbol T steps back) task
data/bars                             Course 4: oriented bars, a tiny image task that trains in seconds
data/scenes                           Course 4: street scenes with boxes and masks (``load_scenes``)
data/word_sets                        Course 5: King James Bible tokens, analogies, planted-bias corpus, sentiment sentences, GloVe vectors
strategy/diagnosis                    Course 3: avoidable bias / variance / mismatch from errors
strategy/error_analysis               Course 3: error tallies by cause, dev-set accuracy spread
strategy/satisficing                  Course 3: optimizing vs satisficing model choice
strategy/quiz                         Course 3: case-study questions and feedback
strategy/multitask                    Course 3: masked multi-task loss, MultiTaskNet
vision/augmentation                   flips, shifts, crops, colour jitter over a batch (fit(..., augment=fn))
vision/boxes                          box formats, IoU (pairwise, vectorized), score filtering, per-class non-max suppression
vision/detection                      anchors, YOLO targets / loss / decoding, landmark loss, VOC mean average precision
vision/sliding_windows                sliding windows naive vs convolutional (FC layers as convolutions)
vision/segmentation                   per-pixel softmax loss, pixel accuracy, mean IoU, skip concatenation, ``UNet``
vision/netstack                       ``LayerStack``: layers ending in a volume, trained on a loss you supply
vision/                               Course 4: augmentation, detection, segmentation, verification, style
text/                                 Course 5: vocabularies, language models, embeddings, seq2seq, BLEU
text/cooccurrence, text/glove         Course 5: vectorized co-occurrence counts, GloVe (AdaGrad) with tokens/s
text/word_vectors                     cosine, neighbours, vectorized analogies, neutralize / equalize, 2-D projection
text/sentence_models                  <pad>/<unk> ids, averaged-embedding and masked-LSTM sentence classifiers
text/dates, text/seq2seq              Course 5: date pairs (12 formats); bi-LSTM + attention + post-attention LSTM translator
text/beam_search, text/bleu           greedy and beam search with length normalization; BLEU (clipped n-grams, brevity penalty)
audio/                                Course 5: synthesis, spectrograms, trigger-word data
widgets/                              live ipywidgets panels (ipywidgets imported lazily)
metrics                               accuracy, confusion counts and matrix, precision/recall/F1
plotting                              cost curves, decision boundaries, image grids
validation                            fix-it ValueErrors, DivergenceError
exercises                             learner copies of the notebooks (``python -m dlutils.exercises``)
====================================  ======================================================

Layouts follow the lectures: dense nets take ``X`` of shape ``(n_x, m)``, one example per
column. Randomness always comes from an explicit ``rng = np.random.default_rng(seed)``.
Where each convention comes from and how to add a module: ``CONTRIBUTING.md``.
"""
from .nn import *  # noqa: F401,F403
from .optim import *  # noqa: F401,F403
from .train import *  # noqa: F401,F403
from .data import *  # noqa: F401,F403
from .strategy import *  # noqa: F401,F403
from .vision import *  # noqa: F401,F403
from .text import *  # noqa: F401,F403
from .audio import *  # noqa: F401,F403
from .metrics import *  # noqa: F401,F403
from .plotting import *  # noqa: F401,F403
from .validation import DivergenceError  # noqa: F401
from . import widgets  # noqa: F401  (ipywidgets itself is imported only when a panel is built)

__version__ = "0.1.0"
