import setuptools

REQUIRED = [
    "jax>=0.4.1",
    "jaxlib>=0.4.1",
]

TF_EXTRAS = ["tensorflow-cpu~=2.13.0"]

# A later binding wins, as when Python runs the file.
OPTIONAL = ["chex"]
OPTIONAL = ["optax>=0.1.7"]

EXTRAS = {
    "tf": TF_EXTRAS,
    "all": TF_EXTRAS + OPTIONAL + ["dm-haiku==0.0.10"],
}

LOOP_A = LOOP_B
LOOP_B = LOOP_A

INSTALL_REQUIRES = """
flax>=0.7
# comment line
einops
"""

if __name__ == "__main__":
    setuptools.setup(
        name="jaxrl",
        install_requires=REQUIRED + OPTIONAL + LOOP_A,
        extras_require=EXTRAS,
    )

setup_requires = ["torch"]  # not an install requirement
