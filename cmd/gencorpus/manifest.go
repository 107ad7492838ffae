package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// manifestNames are the dependency files written at a project's root, in order.
var manifestNames = []string{"requirements.txt", "pyproject.toml", "setup.py", "requirements-dev.txt", "environment.yml"}

// frameworkPins are version pins in the ranges real repositories declare.
var frameworkPins = [][]string{
	{"tensorflow==1.15.5", "tensorflow-gpu>=1.14,<2", "tensorflow==2.4.1", "tensorflow>=2.12", "tensorflow==2.15.0"},
	{"torch==1.13.1", "torch>=2.0", "torch==2.3.1", "torchvision==0.18.1", "torchaudio"},
	{"jax[cuda12]==0.4.30", "jax>=0.4.20", "flax==0.8.5", "optax>=0.1.7"},
	{"keras==2.11.0", "keras>=3.0", "keras==3.4.1", "tf-keras"},
}

var otherPins = []string{"numpy>=1.23", "pandas==2.2.2", "scipy", "scikit-learn>=1.3", "matplotlib", "tqdm",
	"pyyaml==6.0.1", "requests>=2.31", "flask==3.0.3", "pytest>=8", "absl-py", "tensorboard", "wandb", "einops"}

func pins(r *rand.Rand) []string {
	var out []string
	for _, fw := range frameworkPins {
		if r.IntN(100) < 45 {
			out = append(out, fw[r.IntN(len(fw))])
		}
	}
	for _, p := range otherPins {
		if r.IntN(100) < 40 {
			out = append(out, p)
		}
	}
	return out
}

// manifestFile writes the dependency file called name.
func manifestFile(r *rand.Rand, name, project string) []byte {
	deps := pins(r)
	var b strings.Builder
	switch name {
	case "pyproject.toml":
		fmt.Fprintf(&b, "[project]\nname = %q\nversion = \"0.%d.%d\"\nrequires-python = \">=3.9\"\ndependencies = [\n", project, r.IntN(20), r.IntN(10))
		for _, d := range deps {
			fmt.Fprintf(&b, "  %q,\n", d)
		}
		b.WriteString("]\n\n[project.optional-dependencies]\ndev = [\"pytest\", \"ruff\"]\n\n[build-system]\nrequires = [\"setuptools>=68\"]\nbuild-backend = \"setuptools.build_meta\"\n")
	case "setup.py":
		fmt.Fprintf(&b, "from setuptools import find_packages, setup\n\nsetup(\n    name=%q,\n    version=\"0.%d.0\",\n    packages=find_packages(),\n    install_requires=[\n", project, r.IntN(20))
		for _, d := range deps {
			fmt.Fprintf(&b, "        %q,\n", d)
		}
		b.WriteString("    ],\n)\n")
	case "environment.yml":
		fmt.Fprintf(&b, "name: %s\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - pip\n  - pip:\n", project)
		for _, d := range deps {
			fmt.Fprintf(&b, "    - %s\n", d)
		}
	default:
		b.WriteString("# Generated for the benchmark corpus; pins mimic real projects.\n")
		for _, d := range deps {
			b.WriteString(d + "\n")
		}
	}
	return []byte(b.String())
}
