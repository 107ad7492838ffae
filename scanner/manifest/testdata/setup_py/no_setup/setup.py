# Not a packaging script: a training launcher named setup.py.
import torch

install_requires = ["torch==2.0"]

def setup_model():
    return torch.nn.Linear(3, 3)
