package main

import (
	"fmt"
)

// torchFile writes PyTorch code: nn.Module subclasses, Dataset subclasses and
// DataLoaders, training loops with optimizers, schedulers, AMP and in-place ops,
// checkpoints, DistributedDataParallel, TorchScript and ONNX export.
func torchFile(w *pyWriter) {
	imports := []string{"import torch", "import torch.nn as nn", "import torch.nn.functional as F"}
	if w.chance(60) {
		imports = append(imports, "from torch.utils.data import DataLoader, Dataset")
	}
	if w.chance(30) {
		imports = append(imports, "import torch.distributed as dist", "from torch.nn.parallel import DistributedDataParallel as DDP")
	}
	if w.chance(25) {
		imports = append(imports, "import torchvision", "from torchvision import transforms")
	}
	w.moduleHeader(imports)
	blocks := []func(){w.torchModule, w.torchModule, w.torchDataset, w.torchTrainLoop, w.torchCheckpoint, w.torchExport, w.plainFunction}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.mainGuard("main")
}

func (w *pyWriter) torchLayer() string {
	switch w.r.IntN(7) {
	case 0:
		return fmt.Sprintf("nn.Linear(%d, %d)", w.n(8, 4096), w.n(8, 4096))
	case 1:
		return fmt.Sprintf("nn.Conv2d(%d, %d, kernel_size=%s, padding=%d)", w.n(1, 512), w.n(8, 512), w.pick("1", "3", "5"), w.n(0, 2))
	case 2:
		return fmt.Sprintf("nn.BatchNorm2d(%d)", w.n(8, 512))
	case 3:
		return fmt.Sprintf("nn.Dropout(p=%s)", w.number())
	case 4:
		return fmt.Sprintf("nn.LayerNorm(%d)", w.n(64, 4096))
	case 5:
		return fmt.Sprintf("nn.MultiheadAttention(%d, num_heads=%d, batch_first=True)", 64*w.n(1, 16), w.pick2(4, 8, 12, 16))
	default:
		return fmt.Sprintf("nn.Sequential(nn.Linear(%d, %d), nn.GELU())", w.n(8, 1024), w.n(8, 1024))
	}
}

func (w *pyWriter) pick2(xs ...int) int { return xs[w.r.IntN(len(xs))] }

func (w *pyWriter) torchModule() {
	name := w.className()
	w.block(fmt.Sprintf("class %s(nn.Module):", name), func() {
		w.docstring()
		w.l("")
		attrs := w.params(w.n(2, 6))
		w.function("__init__", []string{"self", "in_features", "hidden=256", "dropout=0.1"}, nil, func() {
			w.l("super().__init__()")
			for _, a := range attrs {
				w.l("self.%s = %s", a, w.torchLayer())
			}
			if w.chance(40) {
				w.l("self.register_buffer(%q, torch.zeros(%d))", w.name(), w.n(1, 512))
			}
		})
		w.function("forward", []string{"self", "x", "mask=None"}, nil, func() {
			for _, a := range attrs {
				switch w.r.IntN(4) {
				case 0:
					w.l("x = F.%s(self.%s(x))", w.pick("relu", "gelu", "silu", "leaky_relu"), a)
				case 1:
					w.l("x = self.%s(x) + x", a)
				case 2:
					w.l("x = torch.cat([x, self.%s(x)], dim=%d)", a, w.n(-1, 1))
				default:
					w.l("x = self.%s(x).view(x.size(0), -1)", a)
				}
				if w.chance(25) {
					w.stmts(1, 1)
				}
			}
			w.block("if mask is not None:", func() {
				w.l(`x = x.masked_fill(mask == 0, float("-inf"))`)
			})
			w.l("return x")
		})
	})
	w.l("")
	w.l("")
}

func (w *pyWriter) torchDataset() {
	name := w.className() + "Dataset"
	w.block(fmt.Sprintf("class %s(torch.utils.data.Dataset):", name), func() {
		w.function("__init__", []string{"self", "root", "transform=None"}, nil, func() {
			w.l("self.root = Path(root)")
			w.l(`self.files = sorted(self.root.glob("*.%s"))`, w.pick("pt", "npy", "jpg", "json"))
			w.l("self.transform = transform")
		})
		w.function("__len__", []string{"self"}, nil, func() { w.l("return len(self.files)") })
		w.function("__getitem__", []string{"self", "idx"}, nil, func() {
			w.l("item = torch.load(self.files[idx])")
			w.locals = append(w.locals, "item")
			w.stmts(w.n(0, 3), 1)
			w.block("if self.transform is not None:", func() { w.l("item = self.transform(item)") })
			w.l("return item, torch.tensor(idx %% %d)", w.n(2, 1000))
		})
	})
	w.l("")
	w.l("")
	w.function("make_loader_"+w.pick(nouns...), []string{"root", "batch_size=32", "shuffle=True"}, nil, func() {
		w.l("dataset = %s(root)", name)
		w.l("return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, num_workers=%d, pin_memory=True)", w.n(0, 16))
	})
}

func (w *pyWriter) torchTrainLoop() {
	w.function(w.pick("train", "train_one_epoch", "fit", "main"), []string{"model", "loader", "epochs=10", "lr=3e-4"}, nil, func() {
		w.l(`device = torch.device("cuda" if torch.cuda.is_available() else "cpu")`)
		w.l("model.to(device)")
		w.l("optimizer = torch.optim.%s(model.parameters(), lr=lr, weight_decay=%s)", w.pick("AdamW", "Adam", "SGD", "RMSprop"), w.number())
		w.l("scheduler = torch.optim.lr_scheduler.%s(optimizer, %s)", w.pick("CosineAnnealingLR", "StepLR", "ExponentialLR"), w.number())
		w.l("scaler = torch.cuda.amp.GradScaler()")
		w.block("for epoch in range(epochs):", func() {
			w.l("model.train()")
			w.block("for batch, target in loader:", func() {
				w.l("batch, target = batch.to(device), target.to(device)")
				w.l("optimizer.zero_grad(set_to_none=True)")
				w.block("with torch.cuda.amp.autocast():", func() {
					w.l("output = model(batch)")
					w.l("loss = F.cross_entropy(output, target)")
				})
				w.l("scaler.scale(loss).backward()")
				w.l("torch.nn.utils.clip_grad_norm_(model.parameters(), %s)", w.number())
				w.l("scaler.step(optimizer)")
				w.l("scaler.update()")
				w.locals = append(w.locals, "loss", "output")
				w.stmts(w.n(0, 3), 1)
			})
			w.l("scheduler.step()")
			w.block("with torch.no_grad():", func() {
				w.l("model.eval()")
				w.l("total = torch.zeros(1, device=device)")
				w.block("for batch, target in loader:", func() {
					w.l("total.add_((model(batch.to(device)).argmax(-1) == target.to(device)).sum())")
				})
			})
		})
		w.stmts(w.n(0, 3), 2)
		w.l("return model")
	})
}

func (w *pyWriter) torchCheckpoint() {
	w.function("save_"+w.name(), []string{"model", "optimizer", "path"}, nil, func() {
		w.l(`torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)`)
	})
	w.function("load_"+w.name(), []string{"model", "path"}, nil, func() {
		w.l(`state = torch.load(path, map_location="cpu")`)
		w.l(`model.load_state_dict(state["model"], strict=%s)`, w.pick("True", "False"))
		w.stmts(w.n(0, 2), 1)
		w.l("return model")
	})
}

func (w *pyWriter) torchExport() {
	w.function("export_"+w.name(), []string{"model", "out_dir", "rank=0"}, nil, func() {
		w.block("if dist.is_available() and dist.is_initialized():", func() {
			w.l("model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[rank])")
		})
		w.l("example = torch.randn(1, %d, %d, %d)", w.n(1, 3), w.n(32, 512), w.n(32, 512))
		w.l("scripted = torch.jit.script(model)")
		w.l(`scripted.save(os.path.join(out_dir, "model.pt"))`)
		w.l(`torch.onnx.export(model, example, os.path.join(out_dir, "model.onnx"), opset_version=%d)`, w.n(11, 18))
		w.stmts(w.n(0, 2), 1)
	})
}
