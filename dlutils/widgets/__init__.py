"""Live ipywidgets panels. All widget code lives in this subpackage; the work a panel
triggers (training, evaluation) is ordinary dlutils code with its own tests.

ipywidgets and matplotlib are imported when a panel is built, not when dlutils is imported.
"""
from .base import Panel, log_slider, int_slider, float_slider, status_html  # noqa: F401
from .learning_rate import learning_rate_panel, learning_rate_result
from .training_panel import training_panel, fit_2d  # noqa: F401  (c2)
from .optimizer_race import optimizer_race, race  # noqa: F401  (c2)
from .cost_surface import cost_surface_panel, descend, SURFACES  # noqa: F401  (c2)
from .diagnosis import bias_variance_panel, bias_variance_result, quiz_panel  # noqa: F401  (c3)
from .c3_panels import satisficing_panel, dev_size_panel, compute_panel  # noqa: F401  (c3)
from .planar import planar_panel, planar_result, PLANAR_DATASETS  # noqa: F401  (c1/03)
from .recurrent_gradients import gradient_distance_panel, gradient_distance_result  # noqa: F401  (c5/01)
from .conv_panel import conv_panel, conv_feature_map, CONV_FILTERS, parse_filter  # noqa: F401  (c4/01)
from .resnet_panel import resnet_depth_panel, depth_pair  # noqa: F401  (c4/03)
from .autodiff_panel import autodiff_panel, autodiff_result  # noqa: F401  (c2/08)
from .cnn_panel import cnn_panel, train_small_cnn, small_cnn  # noqa: F401  (c4/02)
from .conv_cost_panel import conv_cost_panel, conv_costs  # noqa: F401  (c4/04)
from .sequence_panels import temperature_panel, temperature_result, melody_panel, melody_result  # noqa: F401  (c5/02, c5/03)
from .trigger_panel import trigger_threshold_panel, trigger_threshold_result  # noqa: F401  (c5/04)
from .detection_panel import detection_panel, detection_result  # noqa: F401  (c4/05)
from .segmentation_panel import segmentation_panel, segmentation_result  # noqa: F401  (c4/06)
from .word_panels import neighbours_panel, sentence_panel  # noqa: F401  (c5/05, c5/06)
from .date_panel import date_translation_panel, translate_date_result  # noqa: F401  (c5/07)
from .transformer_panel import transformer_attention_panel, transformer_attention_result  # noqa: F401  (c5/08)
from .face_panel import face_threshold_panel, face_threshold_result  # noqa: F401  (c4/07)
from .style_panel import style_transfer_panel, style_transfer_result  # noqa: F401  (c4/08)

__all__ = ["Panel", "log_slider", "int_slider", "float_slider", "learning_rate_panel",
           "learning_rate_result"]
