#!/usr/bin/env python
"""Setup script for the detection toolkit."""
import os

from setuptools import find_packages, setup

here = os.path.abspath(os.path.dirname(__file__))

with open(os.path.join(here, "README.md"), encoding="utf-8") as f:
    long_description = f.read()

setup(
    name="detkit",
    version="1.3.0",
    long_description=long_description,
    packages=find_packages(exclude=["tests"]),
    python_requires=">=3.8",
    install_requires=[
        "numpy>=1.19",
        "tensorflow>=2.8,<2.12",  # object detection API pins this
        'tf-models-official==2.11.0',
        f"opencv-python>={os.environ.get('CV_MIN', '4.5')}",
        "pillow",
    ],
    extras_require={
        "tpu": ["cloud-tpu-client"],
        "torch": [
            "torch>=1.13",
            "torchvision",
        ],
        "lite": "tflite-runtime>=2.11",
    },
)
