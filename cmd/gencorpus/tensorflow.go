package main

import (
	"fmt"
	"strings"
)

// tf1File writes TensorFlow 1.x graph-mode code: placeholders, variable scopes,
// tf.layers, sessions, queues, savers and estimators, under either the plain
// `import tensorflow as tf` or the compat.v1 alias.
func tf1File(w *pyWriter) {
	imports := []string{w.pick("import tensorflow as tf", "import tensorflow.compat.v1 as tf", "import tensorflow as tf"), "import numpy as np"}
	if w.chance(30) {
		imports = append(imports, "from tensorflow.contrib import slim")
	}
	if w.chance(30) {
		imports = append(imports, "from tensorflow.python.framework import ops")
	}
	w.moduleHeader(imports)
	if strings.Contains(imports[0], "compat") {
		w.l("tf.disable_v2_behavior()")
		w.l("")
	}
	blocks := []func(){w.tf1Graph, w.tf1Session, w.tf1Queue, w.tf1Estimator, w.plainFunction, w.plainFunction}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.mainGuard("main")
}

func (w *pyWriter) tf1Graph() {
	w.function(w.pick("build_graph", "build_model", "inference", "create_network")+"_"+w.pick(nouns...), []string{"features", "is_training=True", "reuse=None"}, nil, func() {
		w.l("%s = tf.placeholder(tf.float32, shape=[None, %d], name=%q)", w.bind(), w.n(8, 1024), w.name())
		w.l("%s = tf.placeholder(tf.int64, shape=[None], name=%q)", w.bind(), w.name())
		scope := w.name()
		w.block(fmt.Sprintf("with tf.variable_scope(%q, reuse=reuse):", scope), func() {
			prev := "features"
			for i := w.n(2, 5); i > 0; i-- {
				v := w.bind()
				switch w.r.IntN(4) {
				case 0:
					w.l("%s = tf.layers.dense(%s, %d, activation=tf.nn.relu, name=%q)", v, prev, w.n(16, 2048), w.name())
				case 1:
					w.l("%s = tf.get_variable(%q, [%d, %d], initializer=tf.truncated_normal_initializer(stddev=%s))", v, w.name(), w.n(8, 512), w.n(8, 512), w.number())
				case 2:
					w.l("%s = tf.layers.dropout(%s, rate=%s, training=is_training)", v, prev, w.number())
				default:
					w.l("%s = tf.nn.relu(tf.matmul(%s, %s) + %s)", v, prev, w.local(), w.local())
				}
				prev = v
				w.stmts(w.n(0, 2), 1)
			}
			w.l("logits = tf.layers.dense(%s, %d)", prev, w.n(2, 1000))
			w.locals = append(w.locals, "logits")
		})
		w.l("loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=%s, logits=logits))", w.local())
		w.l("tf.summary.scalar(%q, loss)", w.name())
		w.l("global_step = tf.train.get_or_create_global_step()")
		w.l("optimizer = tf.train.%s(learning_rate=%s)", w.pick("AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer", "RMSPropOptimizer"), w.number())
		w.block("with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):", func() {
			w.l("train_op = optimizer.minimize(loss, global_step=global_step)")
		})
		w.stmts(w.n(1, 5), 2)
		w.l("return train_op, loss")
	})
}

func (w *pyWriter) tf1Session() {
	w.function(w.pick("train", "run_training", "main", "evaluate"), []string{"config=None"}, nil, func() {
		w.l("graph = tf.Graph()")
		w.block("with graph.as_default():", func() {
			w.l("train_op, loss = build_graph_%s(%s)", w.pick(nouns...), w.local())
			w.l("saver = tf.train.Saver(max_to_keep=%d)", w.n(1, 10))
			w.l("merged = tf.summary.merge_all()")
		})
		w.block(fmt.Sprintf("with tf.Session(graph=graph, config=tf.ConfigProto(allow_soft_placement=%s)) as sess:", w.pick("True", "False")), func() {
			w.l("sess.run(tf.global_variables_initializer())")
			w.l("writer = tf.summary.FileWriter(%q, sess.graph)", "logs/"+w.name())
			w.l("coord = tf.train.Coordinator()")
			w.l("threads = tf.train.start_queue_runners(sess=sess, coord=coord)")
			w.block(fmt.Sprintf("for step in range(%d):", w.n(100, 100000)), func() {
				w.locals = append(w.locals, "step")
				w.l("feed = {%s: %s, %s: %s}", w.local(), w.local(), w.local(), w.local())
				w.l("_, loss_value, summary = sess.run([train_op, loss, merged], feed_dict=feed)")
				w.block(fmt.Sprintf("if step %% %d == 0:", w.n(10, 1000)), func() {
					w.l("writer.add_summary(summary, step)")
					w.l(`saver.save(sess, os.path.join(%q, "model.ckpt"), global_step=step)`, "checkpoints/"+w.name())
					w.stmts(w.n(0, 2), 1)
				})
			})
			w.l("coord.request_stop()")
			w.l("coord.join(threads)")
		})
		w.stmts(w.n(0, 3), 2)
	})
}

func (w *pyWriter) tf1Queue() {
	w.function("input_"+w.name(), []string{"filenames", "batch_size=32"}, nil, func() {
		w.l("filename_queue = tf.train.string_input_producer(filenames, num_epochs=%d)", w.n(1, 50))
		w.l("reader = tf.TFRecordReader()")
		w.l("_, serialized = reader.read(filename_queue)")
		w.l("features = tf.parse_single_example(serialized, features={")
		for i := w.n(2, 5); i > 0; i-- {
			w.l("    %q: tf.FixedLenFeature([], tf.%s),", w.name(), w.pick("int64", "string", "float32"))
		}
		w.l("})")
		w.l("image = tf.decode_raw(features[%q], tf.uint8)", w.name())
		w.stmts(w.n(1, 4), 1)
		w.l("return tf.train.shuffle_batch([image], batch_size=batch_size, capacity=%d, min_after_dequeue=%d)", w.n(1000, 50000), w.n(100, 1000))
	})
}

func (w *pyWriter) tf1Estimator() {
	w.function("model_fn", []string{"features", "labels", "mode", "params"}, nil, func() {
		w.l("net = tf.feature_column.input_layer(features, params[%q])", "feature_columns")
		w.block(fmt.Sprintf("for units in params.get(%q, [%d, %d]):", "hidden_units", w.n(16, 512), w.n(16, 512)), func() {
			w.l("net = tf.layers.dense(net, units=units, activation=tf.nn.relu)")
		})
		w.l("logits = tf.layers.dense(net, params[%q], activation=None)", "n_classes")
		w.block("if mode == tf.estimator.ModeKeys.PREDICT:", func() {
			w.l(`return tf.estimator.EstimatorSpec(mode, predictions={"logits": logits})`)
		})
		w.l("loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)")
		w.l("accuracy = tf.metrics.accuracy(labels=labels, predictions=tf.argmax(logits, 1))")
		w.stmts(w.n(0, 3), 2)
		w.l("train_op = tf.train.AdagradOptimizer(%s).minimize(loss, global_step=tf.train.get_global_step())", w.number())
		w.l(`return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op, eval_metric_ops={"accuracy": accuracy})`)
	})
	w.function("make_estimator_"+w.pick(nouns...), []string{"model_dir"}, nil, func() {
		w.l("run_config = tf.estimator.RunConfig(save_checkpoints_steps=%d)", w.n(100, 5000))
		w.l("return tf.estimator.Estimator(model_fn=model_fn, model_dir=model_dir, config=run_config)")
	})
}

// tf2File writes TensorFlow 2 and tf.keras code: Sequential and subclassed models,
// tf.function training steps with GradientTape, tf.data pipelines, callbacks,
// SavedModel and TFLite export, and distribution strategies.
func tf2File(w *pyWriter) {
	imports := []string{"import tensorflow as tf"}
	switch w.r.IntN(3) {
	case 0:
		imports = append(imports, "from tensorflow import keras", "from tensorflow.keras import layers")
	case 1:
		imports = append(imports, "from tensorflow.keras import layers, models, optimizers")
	default:
		imports = append(imports, "import tensorflow_datasets as tfds")
	}
	imports = append(imports, "import numpy as np")
	w.moduleHeader(imports)
	blocks := []func(){w.kerasSequential, w.kerasSubclass, w.tf2TrainStep, w.tfDataPipeline, w.kerasFit, w.tf2Export, w.plainFunction}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.mainGuard("main")
}

func (w *pyWriter) kerasLayer() string {
	switch w.r.IntN(7) {
	case 0:
		return fmt.Sprintf("tf.keras.layers.Dense(%d, activation=%q)", w.n(8, 2048), w.pick("relu", "gelu", "tanh", "softmax"))
	case 1:
		return fmt.Sprintf("tf.keras.layers.Conv2D(%d, %s, padding=\"same\")", w.n(8, 512), w.pick("1", "3", "5", "7"))
	case 2:
		return fmt.Sprintf("tf.keras.layers.Dropout(%s)", w.number())
	case 3:
		return "tf.keras.layers.BatchNormalization()"
	case 4:
		return fmt.Sprintf("tf.keras.layers.LSTM(%d, return_sequences=True)", w.n(16, 1024))
	case 5:
		return fmt.Sprintf("tf.keras.layers.Embedding(%d, %d)", w.n(1000, 50000), w.n(16, 768))
	default:
		return "tf.keras.layers.GlobalAveragePooling2D()"
	}
}

func (w *pyWriter) kerasSequential() {
	w.function("build_"+w.name(), []string{"input_shape", "num_classes=10"}, nil, func() {
		w.l("model = tf.keras.Sequential([")
		w.l("    tf.keras.Input(shape=input_shape),")
		for i := w.n(2, 8); i > 0; i-- {
			w.l("    %s,", w.kerasLayer())
		}
		w.l("    tf.keras.layers.Dense(num_classes),")
		w.l("])")
		w.stmts(w.n(0, 3), 1)
		w.l("return model")
	})
}

func (w *pyWriter) kerasSubclass() {
	name := w.className()
	w.block(fmt.Sprintf("class %s(tf.keras.%s):", name, w.pick("Model", "layers.Layer", "Model")), func() {
		w.docstring()
		w.l("")
		attrs := w.params(w.n(2, 5))
		w.function("__init__", []string{"self", "units=128", "**kwargs"}, nil, func() {
			w.l("super().__init__(**kwargs)")
			for _, a := range attrs {
				w.l("self.%s = %s", a, w.kerasLayer())
			}
		})
		w.function("call", []string{"self", "inputs", "training=False"}, nil, func() {
			w.l("x = inputs")
			w.locals = append(w.locals, "x")
			for _, a := range attrs {
				w.l("x = self.%s(x)", a)
				if w.chance(30) {
					w.stmts(1, 1)
				}
			}
			w.l("return x")
		})
		if w.chance(50) {
			w.function("get_config", []string{"self"}, nil, func() {
				w.l("config = super().get_config()")
				w.l(`config.update({"units": %d})`, w.n(1, 512))
				w.l("return config")
			})
		}
	})
	w.l("")
	w.l("")
}

func (w *pyWriter) tf2TrainStep() {
	w.function("train_step", []string{"model", "optimizer", "images", "labels"}, []string{"tf.function"}, func() {
		w.block("with tf.GradientTape() as tape:", func() {
			w.l("logits = model(images, training=True)")
			w.l("loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True))")
		})
		w.l("grads = tape.gradient(loss, model.trainable_variables)")
		w.l("optimizer.apply_gradients(zip(grads, model.trainable_variables))")
		w.stmts(w.n(0, 2), 1)
		w.l("return loss")
	})
}

func (w *pyWriter) tfDataPipeline() {
	w.function("make_dataset_"+w.pick(nouns...), []string{"records", "batch_size=64", "training=True"}, nil, func() {
		w.l("ds = tf.data.Dataset.from_tensor_slices(records)")
		w.block("if training:", func() {
			w.l("ds = ds.shuffle(%d, seed=%d)", w.n(1000, 100000), w.n(0, 9999))
		})
		w.l("ds = ds.map(lambda x: tf.cast(x, tf.float32) / %s, num_parallel_calls=tf.data.AUTOTUNE)", w.number())
		w.stmts(w.n(0, 3), 1)
		w.l("return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)")
	})
}

func (w *pyWriter) kerasFit() {
	w.function("main", nil, nil, func() {
		w.l("strategy = tf.distribute.%s()", w.pick("MirroredStrategy", "MultiWorkerMirroredStrategy", "OneDeviceStrategy"))
		w.block("with strategy.scope():", func() {
			w.l("model = build_%s((%d, %d, 3))", w.name(), w.n(28, 512), w.n(28, 512))
			w.l("model.compile(optimizer=tf.keras.optimizers.Adam(%s), loss=%q, metrics=[%q])", w.number(), "sparse_categorical_crossentropy", "accuracy")
		})
		w.l("callbacks = [")
		w.l("    tf.keras.callbacks.ModelCheckpoint(%q, save_best_only=True),", "ckpt/"+w.name()+".keras")
		w.l("    tf.keras.callbacks.TensorBoard(log_dir=%q),", "logs/"+w.name())
		w.l("    tf.keras.callbacks.EarlyStopping(patience=%d),", w.n(2, 20))
		w.l("]")
		w.l("history = model.fit(make_dataset_%s(%s), epochs=%d, callbacks=callbacks)", w.pick(nouns...), w.pick("train_records", "ds_train"), w.n(1, 300))
		w.stmts(w.n(1, 4), 2)
	})
}

func (w *pyWriter) tf2Export() {
	w.function("export_"+w.name(), []string{"model", "export_dir"}, nil, func() {
		w.l("tf.saved_model.save(model, export_dir)")
		w.l("converter = tf.lite.TFLiteConverter.from_saved_model(export_dir)")
		w.l("converter.optimizations = [tf.lite.Optimize.DEFAULT]")
		w.l("tflite_model = converter.convert()")
		w.block(`with open(os.path.join(export_dir, "model.tflite"), "wb") as fh:`, func() {
			w.l("fh.write(tflite_model)")
		})
		w.stmts(w.n(0, 2), 1)
	})
}
