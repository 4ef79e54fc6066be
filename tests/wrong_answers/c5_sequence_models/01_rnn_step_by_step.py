"""Plausible wrong answers for notebooks/c5_sequence_models/01_rnn_step_by_step.ipynb.

Each entry replaces one solution cell; the notebook's check cells must fail with an AssertionError.
"""
WRONG_ANSWERS = {
    'rnn_cell_forward': [
        ('ba left out of the new state', '''
def rnn_cell_forward(xt, a_prev, parameters):
    """One step of the basic RNN.

    xt: (n_x, m) input at step t; a_prev: (n_a, m) hidden state of step t-1;
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1).
    Returns (a_next (n_a, m), yt_pred (n_y, m) softmax over the n_y classes, cache)
    with cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, ba = parameters["Wax"], parameters["Waa"], parameters["ba"]
    Wya, by = parameters["Wya"], parameters["by"]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt)
    yt_pred = dl.softmax(Wya @ a_next + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
'''),
        ('prediction read from a_prev instead of the new state', '''
def rnn_cell_forward(xt, a_prev, parameters):
    """One step of the basic RNN.

    xt: (n_x, m) input at step t; a_prev: (n_a, m) hidden state of step t-1;
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1).
    Returns (a_next (n_a, m), yt_pred (n_y, m) softmax over the n_y classes, cache)
    with cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, ba = parameters["Wax"], parameters["Waa"], parameters["ba"]
    Wya, by = parameters["Wya"], parameters["by"]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)
    yt_pred = dl.softmax(Wya @ a_prev + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
'''),
        ('softmax over the examples (axis 1) instead of the classes', '''
def rnn_cell_forward(xt, a_prev, parameters):
    """One step of the basic RNN.

    xt: (n_x, m) input at step t; a_prev: (n_a, m) hidden state of step t-1;
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1).
    Returns (a_next (n_a, m), yt_pred (n_y, m) softmax over the n_y classes, cache)
    with cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, ba = parameters["Wax"], parameters["Waa"], parameters["ba"]
    Wya, by = parameters["Wya"], parameters["by"]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)
    z = Wya @ a_next + by
    yt_pred = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
'''),
        ('sigmoid instead of tanh for the state', '''
def rnn_cell_forward(xt, a_prev, parameters):
    """One step of the basic RNN.

    xt: (n_x, m) input at step t; a_prev: (n_a, m) hidden state of step t-1;
    parameters: dict with Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a, 1), Wya (n_y, n_a), by (n_y, 1).
    Returns (a_next (n_a, m), yt_pred (n_y, m) softmax over the n_y classes, cache)
    with cache = (a_next, a_prev, xt, parameters).
    """
    Wax, Waa, ba = parameters["Wax"], parameters["Waa"], parameters["ba"]
    Wya, by = parameters["Wya"], parameters["by"]
    a_next = dl.sigmoid(Waa @ a_prev + Wax @ xt + ba)
    yt_pred = dl.softmax(Wya @ a_next + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache
'''),
    ],
    'rnn_forward': [
        ('state never updated: every step reads a0', '''
def rnn_forward(x, a0, parameters):
    """The basic RNN over a whole sequence, one rnn_cell_forward per step.

    x: (n_x, m, T_x); a0: (n_a, m) initial hidden state; parameters as for rnn_cell_forward.
    Returns (a (n_a, m, T_x) every hidden state, y_pred (n_y, m, T_x), caches) with
    caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    for t in range(T_x):
        a_t, yt_pred, cache = rnn_cell_forward(x[:, :, t], a0, parameters)
        a_next = a_t
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)
'''),
        ('a<t> stored before the update (the previous state)', '''
def rnn_forward(x, a0, parameters):
    """The basic RNN over a whole sequence, one rnn_cell_forward per step.

    x: (n_x, m, T_x); a0: (n_a, m) initial hidden state; parameters as for rnn_cell_forward.
    Returns (a (n_a, m, T_x) every hidden state, y_pred (n_y, m, T_x), caches) with
    caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    for t in range(T_x):
        a[:, :, t] = a_next
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)
'''),
        ('off by one: the input of step t - 1 fed at step t', '''
def rnn_forward(x, a0, parameters):
    """The basic RNN over a whole sequence, one rnn_cell_forward per step.

    x: (n_x, m, T_x); a0: (n_a, m) initial hidden state; parameters as for rnn_cell_forward.
    Returns (a (n_a, m, T_x) every hidden state, y_pred (n_y, m, T_x), caches) with
    caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    caches = []
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t - 1], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)
'''),
    ],
    'lstm_cell_forward': [
        ('forget and update gates swapped in the memory update', '''
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: Wf, Wi, Wc, Wo (n_a, n_a + n_x) acting
    on concat = [a_prev; xt], bf, bi, bc, bo (n_a, 1), Wy (n_y, n_a), by (n_y, 1).
    Returns (a_next, c_next, yt_pred, cache) with
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters).
    """
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_f = dl.sigmoid(p["Wf"] @ concat + p["bf"])
    Gamma_u = dl.sigmoid(p["Wi"] @ concat + p["bi"])
    c_tilde = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = Gamma_u * c_prev + Gamma_f * c_tilde
    Gamma_o = dl.sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = Gamma_o * np.tanh(c_next)
    yt_pred = dl.softmax(p["Wy"] @ a_next + p["by"])
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters)
    return a_next, c_next, yt_pred, cache
'''),
        ('sigmoid instead of tanh for the candidate c_tilde', '''
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: Wf, Wi, Wc, Wo (n_a, n_a + n_x) acting
    on concat = [a_prev; xt], bf, bi, bc, bo (n_a, 1), Wy (n_y, n_a), by (n_y, 1).
    Returns (a_next, c_next, yt_pred, cache) with
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters).
    """
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_f = dl.sigmoid(p["Wf"] @ concat + p["bf"])
    Gamma_u = dl.sigmoid(p["Wi"] @ concat + p["bi"])
    c_tilde = dl.sigmoid(p["Wc"] @ concat + p["bc"])
    c_next = Gamma_f * c_prev + Gamma_u * c_tilde
    Gamma_o = dl.sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = Gamma_o * np.tanh(c_next)
    yt_pred = dl.softmax(p["Wy"] @ a_next + p["by"])
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters)
    return a_next, c_next, yt_pred, cache
'''),
        ('a_next = Gamma_o * c_next (tanh of the memory missing)', '''
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: Wf, Wi, Wc, Wo (n_a, n_a + n_x) acting
    on concat = [a_prev; xt], bf, bi, bc, bo (n_a, 1), Wy (n_y, n_a), by (n_y, 1).
    Returns (a_next, c_next, yt_pred, cache) with
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters).
    """
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_f = dl.sigmoid(p["Wf"] @ concat + p["bf"])
    Gamma_u = dl.sigmoid(p["Wi"] @ concat + p["bi"])
    c_tilde = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = Gamma_f * c_prev + Gamma_u * c_tilde
    Gamma_o = dl.sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = Gamma_o * c_next
    yt_pred = dl.softmax(p["Wy"] @ a_next + p["by"])
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters)
    return a_next, c_next, yt_pred, cache
'''),
        ("forget gate computed with the update gate's weights", '''
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step.

    xt: (n_x, m); a_prev, c_prev: (n_a, m); parameters: Wf, Wi, Wc, Wo (n_a, n_a + n_x) acting
    on concat = [a_prev; xt], bf, bi, bc, bo (n_a, 1), Wy (n_y, n_a), by (n_y, 1).
    Returns (a_next, c_next, yt_pred, cache) with
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters).
    """
    p = parameters
    concat = np.concatenate([a_prev, xt], axis=0)
    Gamma_f = dl.sigmoid(p["Wi"] @ concat + p["bf"])
    Gamma_u = dl.sigmoid(p["Wi"] @ concat + p["bi"])
    c_tilde = np.tanh(p["Wc"] @ concat + p["bc"])
    c_next = Gamma_f * c_prev + Gamma_u * c_tilde
    Gamma_o = dl.sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = Gamma_o * np.tanh(c_next)
    yt_pred = dl.softmax(p["Wy"] @ a_next + p["by"])
    cache = (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, parameters)
    return a_next, c_next, yt_pred, cache
'''),
    ],
    'lstm_forward': [
        ('memory not carried: c restarts at zeros every step', '''
def lstm_forward(x, a0, parameters):
    """The LSTM over a whole sequence (the memory cell starts at zeros).

    x: (n_x, m, T_x); a0: (n_a, m). Returns (a, y, c, caches): a and c (n_a, m, T_x),
    y (n_y, m, T_x), caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, np.zeros((n_a, m)), parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)
'''),
        ('a<t> and c<t> stored before the update', '''
def lstm_forward(x, a0, parameters):
    """The LSTM over a whole sequence (the memory cell starts at zeros).

    x: (n_x, m, T_x); a0: (n_a, m). Returns (a, y, c, caches): a and c (n_a, m, T_x),
    y (n_y, m, T_x), caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a[:, :, t], c[:, :, t] = a_next, c_next
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        y[:, :, t] = yt
        caches.append(cache)
    return a, y, c, (caches, x)
'''),
        ('hidden state not carried: every step reads a0', '''
def lstm_forward(x, a0, parameters):
    """The LSTM over a whole sequence (the memory cell starts at zeros).

    x: (n_x, m, T_x); a0: (n_a, m). Returns (a, y, c, caches): a and c (n_a, m, T_x),
    y (n_y, m, T_x), caches = (list of the T_x cell caches, x).
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    caches = []
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a0, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)
'''),
    ],
    'rnn_cell_backward': [
        ('tanh derivative missing (dz = da_next)', '''
def rnn_cell_backward(da_next, cache):
    """Gradients of one RNN step.

    da_next: (n_a, m) gradient of the loss with respect to a_next; cache from rnn_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = da_next
    dxt = parameters["Wax"].T @ dz
    da_prev = parameters["Waa"].T @ dz
    dWax = dz @ xt.T
    dWaa = dz @ a_prev.T
    dba = np.sum(dz, axis=1, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('tanh derivative written with a_prev', '''
def rnn_cell_backward(da_next, cache):
    """Gradients of one RNN step.

    da_next: (n_a, m) gradient of the loss with respect to a_next; cache from rnn_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_prev ** 2)
    dxt = parameters["Wax"].T @ dz
    da_prev = parameters["Waa"].T @ dz
    dWax = dz @ xt.T
    dWaa = dz @ a_prev.T
    dba = np.sum(dz, axis=1, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('dWaa and dWax built from the wrong inputs (transposed roles)', '''
def rnn_cell_backward(da_next, cache):
    """Gradients of one RNN step.

    da_next: (n_a, m) gradient of the loss with respect to a_next; cache from rnn_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_next ** 2)
    dxt = parameters["Wax"].T @ dz
    da_prev = parameters["Waa"].T @ dz
    dWax = dz @ xt.T
    dWaa = a_prev @ dz.T
    dba = np.sum(dz, axis=1, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('dba summed over the units (axis 0)', '''
def rnn_cell_backward(da_next, cache):
    """Gradients of one RNN step.

    da_next: (n_a, m) gradient of the loss with respect to a_next; cache from rnn_cell_forward.
    Returns a dict with dxt (n_x, m), da_prev (n_a, m), dWax (n_a, n_x), dWaa (n_a, n_a), dba (n_a, 1).
    """
    a_next, a_prev, xt, parameters = cache
    dz = da_next * (1 - a_next ** 2)
    dxt = parameters["Wax"].T @ dz
    da_prev = parameters["Waa"].T @ dz
    dWax = dz @ xt.T
    dWaa = dz @ a_prev.T
    dba = np.sum(dz, axis=0, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
    ],
    'rnn_backward': [
        ('= instead of += when accumulating the weight gradients', '''
def rnn_backward(da, caches):
    """Backpropagation through time for rnn_forward.

    da: (n_a, m, T_x) gradient of the loss with respect to every hidden state (from above only);
    caches from rnn_forward. Returns a dict with dx (n_x, m, T_x), da0 (n_a, m),
    dWax, dWaa, dba summed over all steps.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    parameters = cell_caches[0][3]
    dx = np.zeros_like(x)
    dWax = np.zeros_like(parameters["Wax"])
    dWaa = np.zeros_like(parameters["Waa"])
    dba = np.zeros_like(parameters["ba"])
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        dx[:, :, t] = g["dxt"]
        dWax = g["dWax"]
        dWaa = g["dWaa"]
        dba = g["dba"]
        da_prev = g["da_prev"]
    return {"dx": dx, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('da_prev not carried back to the previous step', '''
def rnn_backward(da, caches):
    """Backpropagation through time for rnn_forward.

    da: (n_a, m, T_x) gradient of the loss with respect to every hidden state (from above only);
    caches from rnn_forward. Returns a dict with dx (n_x, m, T_x), da0 (n_a, m),
    dWax, dWaa, dba summed over all steps.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    parameters = cell_caches[0][3]
    dx = np.zeros_like(x)
    dWax = np.zeros_like(parameters["Wax"])
    dWaa = np.zeros_like(parameters["Waa"])
    dba = np.zeros_like(parameters["ba"])
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t], cell_caches[t])
        dx[:, :, t] = g["dxt"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
        da_prev = g["da_prev"]
    return {"dx": dx, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('steps walked forwards in time', '''
def rnn_backward(da, caches):
    """Backpropagation through time for rnn_forward.

    da: (n_a, m, T_x) gradient of the loss with respect to every hidden state (from above only);
    caches from rnn_forward. Returns a dict with dx (n_x, m, T_x), da0 (n_a, m),
    dWax, dWaa, dba summed over all steps.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    parameters = cell_caches[0][3]
    dx = np.zeros_like(x)
    dWax = np.zeros_like(parameters["Wax"])
    dWaa = np.zeros_like(parameters["Waa"])
    dba = np.zeros_like(parameters["ba"])
    da_prev = np.zeros((n_a, m))
    for t in range(T_x):
        g = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        dx[:, :, t] = g["dxt"]
        dWax += g["dWax"]
        dWaa += g["dWaa"]
        dba += g["dba"]
        da_prev = g["da_prev"]
    return {"dx": dx, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
        ('only dWaa accumulated with = (one +=/= slip)', '''
def rnn_backward(da, caches):
    """Backpropagation through time for rnn_forward.

    da: (n_a, m, T_x) gradient of the loss with respect to every hidden state (from above only);
    caches from rnn_forward. Returns a dict with dx (n_x, m, T_x), da0 (n_a, m),
    dWax, dWaa, dba summed over all steps.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    parameters = cell_caches[0][3]
    dx = np.zeros_like(x)
    dWax = np.zeros_like(parameters["Wax"])
    dWaa = np.zeros_like(parameters["Waa"])
    dba = np.zeros_like(parameters["ba"])
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        dx[:, :, t] = g["dxt"]
        dWax += g["dWax"]
        dWaa = g["dWaa"]
        dba += g["dba"]
        da_prev = g["da_prev"]
    return {"dx": dx, "da0": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
'''),
    ],
    'lstm_cell_backward': [
        ("forget gate's sigmoid derivative missing", '''
def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step.

    da_next, dc_next: (n_a, m) gradients of the loss with respect to a_next and c_next;
    cache from lstm_cell_forward. Returns a dict with dxt, da_prev, dc_prev and
    dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo (shaped like the parameters).
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * Gamma_o * (1 - tanh_c ** 2)
    dz_o = da_next * tanh_c * Gamma_o * (1 - Gamma_o)
    dz_f = dc * c_prev
    dz_u = dc * c_tilde * Gamma_u * (1 - Gamma_u)
    dz_c = dc * Gamma_u * (1 - c_tilde ** 2)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for name, dz in (("f", dz_f), ("i", dz_u), ("c", dz_c), ("o", dz_o)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = np.sum(dz, axis=1, keepdims=True)
    dconcat = p["Wf"].T @ dz_f + p["Wi"].T @ dz_u + p["Wc"].T @ dz_c + p["Wo"].T @ dz_o
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc * Gamma_f
    return g
'''),
        ('dc ignores the path through a_next = Gamma_o tanh(c_next)', '''
def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step.

    da_next, dc_next: (n_a, m) gradients of the loss with respect to a_next and c_next;
    cache from lstm_cell_forward. Returns a dict with dxt, da_prev, dc_prev and
    dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo (shaped like the parameters).
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next
    dz_o = da_next * tanh_c * Gamma_o * (1 - Gamma_o)
    dz_f = dc * c_prev * Gamma_f * (1 - Gamma_f)
    dz_u = dc * c_tilde * Gamma_u * (1 - Gamma_u)
    dz_c = dc * Gamma_u * (1 - c_tilde ** 2)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for name, dz in (("f", dz_f), ("i", dz_u), ("c", dz_c), ("o", dz_o)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = np.sum(dz, axis=1, keepdims=True)
    dconcat = p["Wf"].T @ dz_f + p["Wi"].T @ dz_u + p["Wc"].T @ dz_c + p["Wo"].T @ dz_o
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc * Gamma_f
    return g
'''),
        ("candidate's tanh derivative missing", '''
def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step.

    da_next, dc_next: (n_a, m) gradients of the loss with respect to a_next and c_next;
    cache from lstm_cell_forward. Returns a dict with dxt, da_prev, dc_prev and
    dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo (shaped like the parameters).
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * Gamma_o * (1 - tanh_c ** 2)
    dz_o = da_next * tanh_c * Gamma_o * (1 - Gamma_o)
    dz_f = dc * c_prev * Gamma_f * (1 - Gamma_f)
    dz_u = dc * c_tilde * Gamma_u * (1 - Gamma_u)
    dz_c = dc * Gamma_u
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for name, dz in (("f", dz_f), ("i", dz_u), ("c", dz_c), ("o", dz_o)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = np.sum(dz, axis=1, keepdims=True)
    dconcat = p["Wf"].T @ dz_f + p["Wi"].T @ dz_u + p["Wc"].T @ dz_c + p["Wo"].T @ dz_o
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc * Gamma_f
    return g
'''),
        ('dc_prev = dc_next * Gamma_f (only the direct path)', '''
def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step.

    da_next, dc_next: (n_a, m) gradients of the loss with respect to a_next and c_next;
    cache from lstm_cell_forward. Returns a dict with dxt, da_prev, dc_prev and
    dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo (shaped like the parameters).
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * Gamma_o * (1 - tanh_c ** 2)
    dz_o = da_next * tanh_c * Gamma_o * (1 - Gamma_o)
    dz_f = dc * c_prev * Gamma_f * (1 - Gamma_f)
    dz_u = dc * c_tilde * Gamma_u * (1 - Gamma_u)
    dz_c = dc * Gamma_u * (1 - c_tilde ** 2)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for name, dz in (("f", dz_f), ("i", dz_u), ("c", dz_c), ("o", dz_o)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = np.sum(dz, axis=1, keepdims=True)
    dconcat = p["Wf"].T @ dz_f + p["Wi"].T @ dz_u + p["Wc"].T @ dz_c + p["Wo"].T @ dz_o
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc_next * Gamma_f
    return g
'''),
        ('output gate derivative uses c_next instead of tanh(c_next)', '''
def lstm_cell_backward(da_next, dc_next, cache):
    """Gradients of one LSTM step.

    da_next, dc_next: (n_a, m) gradients of the loss with respect to a_next and c_next;
    cache from lstm_cell_forward. Returns a dict with dxt, da_prev, dc_prev and
    dWf, dbf, dWi, dbi, dWc, dbc, dWo, dbo (shaped like the parameters).
    """
    (a_next, c_next, a_prev, c_prev, Gamma_f, Gamma_u, c_tilde, Gamma_o, xt, p) = cache
    n_a = a_next.shape[0]
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * Gamma_o * (1 - tanh_c ** 2)
    dz_o = da_next * c_next * Gamma_o * (1 - Gamma_o)
    dz_f = dc * c_prev * Gamma_f * (1 - Gamma_f)
    dz_u = dc * c_tilde * Gamma_u * (1 - Gamma_u)
    dz_c = dc * Gamma_u * (1 - c_tilde ** 2)
    concat = np.concatenate([a_prev, xt], axis=0)
    g = {}
    for name, dz in (("f", dz_f), ("i", dz_u), ("c", dz_c), ("o", dz_o)):
        g["dW" + name] = dz @ concat.T
        g["db" + name] = np.sum(dz, axis=1, keepdims=True)
    dconcat = p["Wf"].T @ dz_f + p["Wi"].T @ dz_u + p["Wc"].T @ dz_c + p["Wo"].T @ dz_o
    g["da_prev"] = dconcat[:n_a]
    g["dxt"] = dconcat[n_a:]
    g["dc_prev"] = dc * Gamma_f
    return g
'''),
    ],
}
