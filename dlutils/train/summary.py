"""Count a network from its specification alone: output shapes, parameters, multiply-adds.

    counted = dl.count_network(dl.vgg16(), input_shape=(224, 224, 3))
    counted.total_params          # 138,357,544 - no weight was allocated
    print(counted)                # the table summary() prints

Every layer answers ``count(in_shape) -> (n_params, out_shape, multiply_adds)`` from shapes
alone (see ``dlutils/nn/layer.py``), so VGG-16 (138 M parameters, 1.1 GB as float64) and
ResNet-50 can be described on a laptop. Shapes are per example (``(n,)`` dense,
``(n_H, n_W, n_C)`` images, ``(n, T)`` sequences) and printed in the batch layout with ``m``.
Multiply-adds are per example, forward pass only. Taught in: c4/03_classic_networks_and_resnets.
"""
from dataclasses import dataclass, field

from ..nn.layer import batch_shape

__all__ = ["count_network", "NetworkCount", "layer_count"]


def layer_count(layer, in_shape):
    """``(n_params, out_shape, multiply_adds)`` of one layer; layers without ``count`` are parameter-free."""
    if hasattr(layer, "count"):
        n, out, madds = layer.count(tuple(in_shape))
        return int(n), tuple(out), int(madds)
    _, out = layer.build(tuple(in_shape), "count", None)
    return 0, (tuple(out) if isinstance(out, tuple) else (int(out),)), 0


@dataclass
class NetworkCount:
    """Rows ``(description, out_shape, params, multiply_adds)`` and the totals."""
    input_shape: tuple
    rows: list = field(default_factory=list)
    total_params: int = 0
    total_multiply_adds: int = 0
    names: list = field(default_factory=list)   # parameter keys per row (built models only)
    footer: str = ""

    @property
    def output_shape(self):
        return self.rows[-1][1] if self.rows else self.input_shape

    def table(self):
        rows = [("Input", batch_shape(self.input_shape), "", "", "")]
        for i, (d, shape, n, madds) in enumerate(self.rows):
            names = ", ".join(self.names[i]) if i < len(self.names) else ""
            rows.append((d, batch_shape(shape), f"{n:,}", f"{madds:,}", names))
        w = min(max(len(r[0]) for r in rows) + 2, 70)
        s = max(len(r[1]) for r in rows) + 2
        head = f"{'layer':<{w}}{'output shape':<{s}}{'params':>13}{'mult-adds':>16}  names"
        lines = [head, "-" * len(head)]
        for a, b, c, d, e in rows:
            a = a if len(a) <= w - 2 else a[:w - 5] + "..."
            lines.append(f"{a:<{w}}{b:<{s}}{c:>13}{d:>16}  {e}".rstrip())
        lines += ["-" * len(head), f"total parameters: {self.total_params:,}   multiply-adds per example: "
                  f"{self.total_multiply_adds:,}" + (f"   {self.footer}" if self.footer else "")]
        return "\n".join(lines)

    def __str__(self):
        return self.table()


def count_network(layers, input_shape):
    """Count ``layers`` (a list of layer objects, e.g. ``dl.resnet50()``) on per-example ``input_shape``."""
    func = "count_network"
    layers = list(layers)
    if not layers or not all(hasattr(l, "build") for l in layers):
        raise ValueError(f"{func}: layers must be a non-empty list of dl layer objects, got {layers!r}.")
    shape = (int(input_shape),) if not isinstance(input_shape, (tuple, list)) else tuple(input_shape)
    result = NetworkCount(input_shape=shape)
    for layer in layers:
        n, shape, madds = layer_count(layer, shape)
        result.rows.append((layer.describe(), shape, n, madds))
        result.total_params += n
        result.total_multiply_adds += madds
    return result
