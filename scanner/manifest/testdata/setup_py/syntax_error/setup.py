from distutils.core import setup

def read_version(:
    return "0.4"

setup(
    name="keras-contrib",
    install_requires=["keras==2.2.4", "tensorflow<2"],
)
