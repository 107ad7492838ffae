package main

import (
	"fmt"
)

// jaxFile writes JAX, Flax (linen) and Optax code: modules with nn.compact,
// jitted and pmapped training steps, value_and_grad, PRNG handling, vmap and
// lax.scan, TrainState and checkpoints.
func jaxFile(w *pyWriter) {
	imports := []string{"import jax", "import jax.numpy as jnp", "import optax"}
	if w.chance(75) {
		imports = append(imports, "import flax.linen as nn", "from flax.training import train_state, checkpoints")
	}
	if w.chance(30) {
		imports = append(imports, "from functools import partial")
	}
	w.moduleHeader(imports)
	blocks := []func(){w.flaxModule, w.jaxTrainStep, w.jaxRandom, w.jaxScan, w.plainFunction}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.mainGuard("main")
}

func (w *pyWriter) flaxModule() {
	name := w.className()
	w.block(fmt.Sprintf("class %s(nn.Module):", name), func() {
		w.docstring()
		for i := w.n(1, 4); i > 0; i-- {
			w.l("%s: int = %d", w.name(), w.n(1, 4096))
		}
		w.l("dtype: jnp.dtype = jnp.%s", w.pick("float32", "bfloat16"))
		w.l("")
		w.function("__call__", []string{"self", "x", "train: bool = True"}, []string{"nn.compact"}, func() {
			for i := w.n(2, 6); i > 0; i-- {
				switch w.r.IntN(4) {
				case 0:
					w.l("x = nn.Dense(%d, dtype=self.dtype)(x)", w.n(8, 4096))
				case 1:
					w.l("x = nn.%s(x)", w.pick("relu", "gelu", "silu"))
				case 2:
					w.l("x = nn.Dropout(rate=%s, deterministic=not train)(x)", w.number())
				default:
					w.l("x = nn.LayerNorm()(x)")
				}
			}
			w.l("return x")
		})
	})
	w.l("")
	w.l("")
}

func (w *pyWriter) jaxTrainStep() {
	w.function("create_state", []string{"rng", "model", "learning_rate=1e-3"}, nil, func() {
		w.l("params = model.init(rng, jnp.ones((1, %d)))[\"params\"]", w.n(8, 1024))
		w.l("tx = optax.chain(optax.clip_by_global_norm(%s), optax.adamw(learning_rate))", w.number())
		w.l("return train_state.TrainState.create(apply_fn=model.apply, params=params, tx=tx)")
	})
	w.function("train_step", []string{"state", "batch"}, []string{w.pick("jax.jit", "partial(jax.pmap, axis_name=\"batch\")", "jax.jit")}, func() {
		w.function("loss_fn", []string{"params"}, nil, func() {
			w.l(`logits = state.apply_fn({"params": params}, batch["x"])`)
			w.l(`return optax.softmax_cross_entropy_with_integer_labels(logits, batch["y"]).mean()`)
		})
		w.l("loss, grads = jax.value_and_grad(loss_fn)(state.params)")
		w.l(`grads = jax.lax.pmean(grads, axis_name="batch") if %s else grads`, w.pick("False", "True"))
		w.l("state = state.apply_gradients(grads=grads)")
		w.l("return state, loss")
	})
}

func (w *pyWriter) jaxRandom() {
	w.function("sample_"+w.name(), []string{"seed", "shape"}, nil, func() {
		w.l("key = jax.random.PRNGKey(seed)")
		w.l("key, sub = jax.random.split(key)")
		w.l("noise = jax.random.normal(sub, shape)")
		w.l("batched = jax.vmap(lambda v: jnp.tanh(v) * %s)(noise)", w.number())
		w.locals = append(w.locals, "batched", "noise")
		w.stmts(w.n(0, 3), 1)
		w.l("return jax.device_get(batched)")
	})
}

func (w *pyWriter) jaxScan() {
	w.function("rollout_"+w.pick(nouns...), []string{"params", "xs"}, nil, func() {
		w.function("step", []string{"carry", "x"}, nil, func() {
			w.l("carry = jnp.tanh(carry @ params[%q] + x)", "w")
			w.l("return carry, carry.sum()")
		})
		w.l("init = jnp.zeros((%d,))", w.n(8, 512))
		w.l("_, ys = jax.lax.scan(step, init, xs)")
		w.l("return ys")
	})
	w.function("save_"+w.name(), []string{"state", "workdir", "step"}, nil, func() {
		w.l("checkpoints.save_checkpoint(workdir, state, step, keep=%d)", w.n(1, 5))
	})
}

// mixedFile combines frameworks the way real repositories do: a PyTorch model fed
// by tf.data, a Keras 3 model on the JAX backend, or TensorBoard from either.
func mixedFile(w *pyWriter) {
	switch w.r.IntN(3) {
	case 0:
		w.moduleHeader([]string{"import tensorflow as tf", "import torch", "import torch.nn as nn", "import torch.nn.functional as F"})
		blocks := []func(){w.torchModule, w.tfDataPipeline, w.torchTrainLoop, w.plainFunction}
		for !w.full() {
			blocks[w.r.IntN(len(blocks))]()
		}
	case 1:
		w.l(`import os`)
		w.l("")
		w.l(`os.environ["KERAS_BACKEND"] = %q`, w.pick("jax", "torch", "tensorflow"))
		w.l("")
		w.moduleHeader([]string{"import keras", "from keras import layers, ops", "import jax", "import jax.numpy as jnp"})
		blocks := []func(){w.keras3Model, w.jaxRandom, w.plainFunction}
		for !w.full() {
			blocks[w.r.IntN(len(blocks))]()
		}
	default:
		w.moduleHeader([]string{"import jax", "import jax.numpy as jnp", "import optax", "import flax.linen as nn",
			"from flax.training import train_state, checkpoints", "import tensorflow_datasets as tfds", "import tensorflow as tf"})
		blocks := []func(){w.flaxModule, w.jaxTrainStep, w.tfDataPipeline, w.plainFunction}
		for !w.full() {
			blocks[w.r.IntN(len(blocks))]()
		}
	}
	w.mainGuard("main")
}

func (w *pyWriter) keras3Model() {
	w.function("build_"+w.name(), []string{"input_dim", "num_classes=10"}, nil, func() {
		w.l("inputs = keras.Input(shape=(input_dim,))")
		w.l("x = inputs")
		for i := w.n(2, 6); i > 0; i-- {
			w.l("x = layers.Dense(%d, activation=%q)(x)", w.n(8, 2048), w.pick("relu", "gelu"))
			if w.chance(40) {
				w.l("x = layers.Dropout(%s)(x)", w.number())
			}
		}
		w.l("outputs = layers.Dense(num_classes)(ops.relu(x))")
		w.l("model = keras.Model(inputs, outputs)")
		w.l(`model.compile(optimizer=keras.optimizers.AdamW(%s), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))`, w.number())
		w.l("return model")
	})
}
