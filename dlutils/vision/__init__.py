"""Course 4 vision beyond the layers: data augmentation, detection (boxes, IoU, NMS, anchors, YOLO),
segmentation, verification (triplet loss), style transfer. Layout: images (m, n_H, n_W, n_C)."""
from .augmentation import *  # noqa: F401,F403
from .verification import *  # noqa: F401,F403
from .style import *  # noqa: F401,F403
from .boxes import *  # noqa: F401,F403
from .detection import *  # noqa: F401,F403
from .netstack import *  # noqa: F401,F403
from .sliding_windows import *  # noqa: F401,F403
from .segmentation import *  # noqa: F401,F403
