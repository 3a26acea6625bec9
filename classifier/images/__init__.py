"""Photos as evidence: text read from images (Tesseract) and hand signs (MediaPipe).

Pure like the rest of the classifier: image bytes in, `ImageFindings` out; no database.
No face is detected or recognised: a person is tied to an account only through the account.
"""

from classifier.images.analyse import analyse_image
from classifier.images.evidence import ImageContext, score_with_images
from classifier.images.findings import ANALYSER_VERSION, Box, Hand, ImageFindings, Word
from classifier.images.safety import Verdict, check

__all__ = [
    "ANALYSER_VERSION",
    "Box",
    "Hand",
    "ImageContext",
    "ImageFindings",
    "Verdict",
    "Word",
    "analyse_image",
    "check",
    "score_with_images",
]
