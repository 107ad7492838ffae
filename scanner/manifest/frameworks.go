package manifest

import "strings"

// frameworkOf maps PEP 503-normalised distribution names to the framework they
// belong to. Companion libraries count: a project that pins flax or
// torchvision is tied to that framework's release train even when the core
// package is only pulled in transitively. Conda package names (pytorch,
// tensorflow-base) are listed too, since environment.yml files use them.
var frameworkOf = map[string]string{
	// TensorFlow and the libraries released in lockstep with it.
	"tensorflow":                    "tensorflow",
	"tensorflow-gpu":                "tensorflow",
	"tensorflow-cpu":                "tensorflow",
	"tf-nightly":                    "tensorflow",
	"tf-nightly-gpu":                "tensorflow",
	"tf-nightly-cpu":                "tensorflow",
	"tensorflow-macos":              "tensorflow",
	"tensorflow-metal":              "tensorflow",
	"tensorflow-intel":              "tensorflow",
	"tensorflow-aarch64":            "tensorflow",
	"tensorflow-base":               "tensorflow",
	"tensorflow-estimator":          "tensorflow",
	"tensorflow-io":                 "tensorflow",
	"tensorflow-io-gcs-filesystem":  "tensorflow",
	"tensorflow-hub":                "tensorflow",
	"tensorflow-datasets":           "tensorflow",
	"tensorflow-addons":             "tensorflow",
	"tensorflow-probability":        "tensorflow",
	"tensorflow-text":               "tensorflow",
	"tensorflow-serving-api":        "tensorflow",
	"tensorflow-model-optimization": "tensorflow",
	"tensorflow-recommenders":       "tensorflow",
	"tensorflow-decision-forests":   "tensorflow",
	"tensorflow-federated":          "tensorflow",
	"tensorflow-privacy":            "tensorflow",
	"tensorflow-graphics":           "tensorflow",
	"tensorflow-gnn":                "tensorflow",
	"tensorflow-ranking":            "tensorflow",
	"tensorflow-quantum":            "tensorflow",
	"tensorflow-cloud":              "tensorflow",
	"tensorflowjs":                  "tensorflow",
	"tf-models-official":            "tensorflow",
	"tf-models-nightly":             "tensorflow",
	"tflite-runtime":                "tensorflow",
	"tflite-model-maker":            "tensorflow",
	"tflite-support":                "tensorflow",
	"ai-edge-litert":                "tensorflow",
	"tfx":                           "tensorflow",
	"tfx-bsl":                       "tensorflow",
	"ml-metadata":                   "tensorflow",
	"tensorflow-transform":          "tensorflow",
	"tensorflow-model-analysis":     "tensorflow",
	"tensorflow-data-validation":    "tensorflow",

	// Keras, standalone and its ecosystem.
	"keras":               "keras",
	"keras-nightly":       "keras",
	"keras-core":          "keras",
	"tf-keras":            "keras",
	"keras-hub":           "keras",
	"keras-nlp":           "keras",
	"keras-cv":            "keras",
	"keras-tuner":         "keras",
	"keras-rs":            "keras",
	"keras-preprocessing": "keras",
	"keras-applications":  "keras",

	// PyTorch and its domain libraries.
	"torch":             "pytorch",
	"pytorch":           "pytorch",
	"torchvision":       "pytorch",
	"torchaudio":        "pytorch",
	"torchtext":         "pytorch",
	"torchdata":         "pytorch",
	"torchrec":          "pytorch",
	"torchserve":        "pytorch",
	"torch-xla":         "pytorch",
	"torch-tensorrt":    "pytorch",
	"torch-geometric":   "pytorch",
	"torch-scatter":     "pytorch",
	"torch-sparse":      "pytorch",
	"torch-cluster":     "pytorch",
	"torch-spline-conv": "pytorch",
	"torchmetrics":      "pytorch",
	"pytorch-lightning": "pytorch",
	"lightning":         "pytorch",
	"pytorch-ignite":    "pytorch",
	"functorch":         "pytorch",
	"executorch":        "pytorch",

	// JAX, its accelerator plugins and the libraries built on it.
	"jax":               "jax",
	"jaxlib":            "jax",
	"jax-cuda12-plugin": "jax",
	"jax-cuda12-pjrt":   "jax",
	"jax-cuda11-plugin": "jax",
	"jax-cuda11-pjrt":   "jax",
	"jax-metal":         "jax",
	"flax":              "jax",
	"optax":             "jax",
	"dm-haiku":          "jax",
	"equinox":           "jax",
	"orbax":             "jax",
	"orbax-checkpoint":  "jax",
	"chex":              "jax",
	"jraph":             "jax",
	"numpyro":           "jax",
	"brax":              "jax",
	"objax":             "jax",
	"trax":              "jax",
	"distrax":           "jax",
	"rlax":              "jax",
	"jaxopt":            "jax",
	"diffrax":           "jax",
	"optimistix":        "jax",
	"lineax":            "jax",
}

// Classify maps a distribution name (any case, `-`/`_`/`.` normalised per
// PEP 503) to a framework ("tensorflow", "keras", "pytorch", "jax") or ""
// when it is not one. Extras are ignored: jax[cuda12] is jax.
func Classify(pkg string) string {
	if i := strings.IndexByte(pkg, '['); i >= 0 {
		pkg = pkg[:i]
	}
	return frameworkOf[normalizeName(pkg)]
}

// normalizeName applies PEP 503: lower case, and every run of '-', '_' and '.'
// becomes a single '-'. Surrounding spaces are not part of a name.
func normalizeName(name string) string {
	name = strings.TrimSpace(name)
	var b strings.Builder
	b.Grow(len(name))
	inRun := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			if !inRun {
				b.WriteByte('-')
			}
			inRun = true
			continue
		}
		inRun = false
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
