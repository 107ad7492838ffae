package estimator

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The recommendation applies GUIDE.md's decision rules, one function each, in this
// order of precedence: a reason to stay (rule 2: TFX, then edge; rule 4: JAX on
// TPU or simulation) outweighs a route (rule 3: Keras 3 as the bridge), which
// outweighs the default (rule 1: PyTorch). The first rule that fires sets the
// target; every rule that fires is listed with its evidence.

// facts are what the rules look at, gathered in one pass over the findings.
type facts struct {
	// findings and files per framework family: tensorflow (with keras), pytorch, jax.
	family      map[string]int
	familyFiles map[string]map[string]bool
	primary     string
	tfx         []*item
	edge        []*item
	jaxTPU      []*item
	jaxSim      []*item
	kerasModels []*item
	// tf2Code counts the findings in TF 2.x and standalone Keras 2 code, tf2Keras
	// the Keras ones among them, tf1Code the findings in TF 1.x code.
	tf2Code, tf2Keras, tf1Code int
}

// families are the framework families, in the order that breaks ties.
var families = []string{"tensorflow", "pytorch", "jax"}

var familyLabels = map[string]string{"tensorflow": "TensorFlow/Keras", "pytorch": "PyTorch", "jax": "JAX"}

func familyOf(framework string) string {
	if framework == "keras" {
		return "tensorflow"
	}
	return framework
}

func gatherFacts(items []item) *facts {
	fx := &facts{family: map[string]int{}, familyFiles: map[string]map[string]bool{}}
	// Items come grouped by file: a family's files are counted when the file
	// changes, not with a map write per finding.
	lastFile := make([]*string, len(families))
	for i := range items {
		it := &items[i]
		fam := familyOf(it.f.Framework)
		fi := slices.Index(families, fam)
		if fi < 0 {
			continue
		}
		fx.family[fam]++
		if fx.familyFiles[fam] == nil {
			fx.familyFiles[fam] = map[string]bool{}
		}
		if last := lastFile[fi]; last == nil || *last != it.f.File {
			fx.familyFiles[fam][it.f.File] = true
			lastFile[fi] = &it.f.File
		}
		switch it.part {
		case "tf1":
			fx.tf1Code++
		case "tf2", "keras2":
			fx.tf2Code++
			if it.f.Framework == "keras" {
				fx.tf2Keras++
			}
		}
		if it.rule == nil {
			continue
		}
		if it.rule.HasTag("tfx") {
			fx.tfx = append(fx.tfx, it)
		}
		if it.rule.HasTag("edge") && fam == "tensorflow" {
			fx.edge = append(fx.edge, it)
		}
		if fam == "jax" && it.rule.HasTag("tpu") {
			fx.jaxTPU = append(fx.jaxTPU, it)
		}
		if fam == "jax" && it.rule.HasTag("simulation") {
			fx.jaxSim = append(fx.jaxSim, it)
		}
		if it.f.Framework == "keras" && it.rule.HasTag("model") && (it.part == "tf2" || it.part == "keras2") {
			fx.kerasModels = append(fx.kerasModels, it)
		}
	}
	for _, fam := range families {
		if fx.family[fam] > fx.family[fx.primary] {
			fx.primary = fam
		}
	}
	return fx
}

// decision is a rule that fired: the target it sets, the parts it moves there
// (nil: every part) and why.
type decision struct {
	target  string
	parts   []string
	summary string
	reason  Reason
}

// tfFamilyParts are the parts whose code is TensorFlow or Keras 2: the code rules 2
// and 3 are about.
var tfFamilyParts = []string{"tf1", "tf2", "keras2"}

// ruleTFXPipeline is GUIDE.md rule 2, second case: an inherited TFX pipeline makes
// migration prohibitively costly, so the code stays on TensorFlow.
func ruleTFXPipeline(fx *facts) *decision {
	if len(fx.tfx) == 0 {
		return nil
	}
	ev, more := evidenceList(fx.tfx)
	return &decision{
		target:  "tf2",
		parts:   tfFamilyParts,
		summary: "Stay on TensorFlow: the guide calls migrating a TFX pipeline prohibitively costly.",
		reason: Reason{
			Rule: 2,
			Text: fmt.Sprintf("A TFX pipeline is in use (%s); the guide calls migrating it prohibitively costly and says to stay on TensorFlow.",
				usesIn(fx.tfx)),
			Evidence: ev, More: more,
		},
	}
}

// ruleEdgeDeployment is GUIDE.md rule 2, first case: mandatory edge or mobile
// deployment through TensorFlow keeps the code on TensorFlow, with Keras 3 as the
// bridge to other backends.
func ruleEdgeDeployment(fx *facts) *decision {
	if len(fx.edge) == 0 {
		return nil
	}
	ev, more := evidenceList(fx.edge)
	return &decision{
		target:  "keras3",
		parts:   tfFamilyParts,
		summary: "Stay on TensorFlow for deployment and use Keras 3 as the bridge: the code ships to edge devices through TensorFlow.",
		reason: Reason{
			Rule: 2,
			Text: fmt.Sprintf("The code deploys to edge or mobile devices through TensorFlow (%s: TFLite / LiteRT, TF.js, tflite_runtime); PyTorch's ExecuTorch is still early, so the guide says to stay on TensorFlow with Keras 3 as the bridge.",
				usesIn(fx.edge)),
			Evidence: ev, More: more,
		},
	}
}

// ruleJAXNative is GUIDE.md rule 4: JAX chosen for TPU-native infrastructure or
// for gradients through a simulation stays on JAX.
func ruleJAXNative(fx *facts) *decision {
	if fx.primary != "jax" || len(fx.jaxTPU)+len(fx.jaxSim) == 0 {
		return nil
	}
	var what []string
	if len(fx.jaxTPU) > 0 {
		what = append(what, "TPU-native code ("+usesIn(fx.jaxTPU)+")")
	}
	if len(fx.jaxSim) > 0 {
		what = append(what, "differentiable simulation ("+usesIn(fx.jaxSim)+")")
	}
	ev, more := evidenceList(append(append([]*item(nil), fx.jaxTPU...), fx.jaxSim...))
	return &decision{
		target:  "jax",
		parts:   []string{"jax"},
		summary: "Stay on JAX: it was chosen for what JAX does best.",
		reason: Reason{
			Rule: 4,
			Text: fmt.Sprintf("JAX is the main framework and the code is %s; the guide says to keep JAX where TPUs or gradients through a simulation are the point.",
				strings.Join(what, " and ")),
			Evidence: ev, More: more,
		},
	}
}

// ruleHeavyKeras is GUIDE.md rule 3: TF 2.x code that leans on Keras reaches the
// PyTorch ecosystem most safely as Keras 3 with KERAS_BACKEND=torch.
func ruleHeavyKeras(fx *facts, threshold float64) *decision {
	if fx.primary != "tensorflow" || fx.tf2Code == 0 || fx.tf2Code < fx.tf1Code {
		return nil
	}
	share := float64(fx.tf2Keras) / float64(fx.tf2Code)
	if share < threshold {
		return nil
	}
	ev, more := evidenceList(fx.kerasModels)
	ev = append([]string{fmt.Sprintf("keras: %d of %d findings in TF 2.x code (%d%%, threshold %d%%)",
		fx.tf2Keras, fx.tf2Code, percent(share), percent(threshold))}, ev...)
	return &decision{
		target:  "keras3",
		parts:   tfFamilyParts,
		summary: "Move to Keras 3 and run it with KERAS_BACKEND=torch: the lowest-risk route into the PyTorch ecosystem.",
		reason: Reason{
			Rule: 3,
			Text: fmt.Sprintf("TF 2.x code with heavy Keras use (%d%% of its findings are Keras); the guide's lowest-risk route to PyTorch is Keras 3 with the PyTorch backend.",
				percent(share)),
			Evidence: ev, More: more,
		},
	}
}

// ruleDefaultPyTorch is GUIDE.md rule 1: without a reason to stay, PyTorch is the
// default for deep learning work.
func ruleDefaultPyTorch(fx *facts) *decision {
	ev := []string{}
	for _, fam := range families {
		if n := fx.family[fam]; n > 0 {
			ev = append(ev, fmt.Sprintf("%s: %d findings in %d files", strings.ToLower(familyLabels[fam]), n, len(fx.familyFiles[fam])))
		}
	}
	summary := "Move to PyTorch, the guide's default for deep learning work."
	if fx.primary == "pytorch" {
		summary = "Stay on PyTorch, the guide's default for deep learning work."
	}
	return &decision{
		target:  "pytorch",
		summary: summary,
		reason: Reason{
			Rule:     1,
			Text:     "None of the guide's reasons to stay applies (no edge deployment or TFX pipeline on TensorFlow, no TPU-native or simulation JAX code, no heavy Keras in TF 2.x code), so the guide's default holds: PyTorch, whose ecosystem (Hugging Face, vLLM) is PyTorch-first.",
			Evidence: ev,
		},
	}
}

// recommend runs the rules in order of precedence. It leaves the route to the
// caller, which costs it for the parts the deciding rule moves.
func recommend(fx *facts, m Model) (Recommendation, []string) {
	if fx.primary == "" {
		return Recommendation{
			Summary: "No TensorFlow, Keras, PyTorch or JAX use was found: there is nothing to migrate.",
			Route:   []string{},
			Reasons: []Reason{},
		}, nil
	}
	fired := []*decision{}
	for _, d := range []*decision{
		ruleTFXPipeline(fx),
		ruleEdgeDeployment(fx),
		ruleJAXNative(fx),
		ruleHeavyKeras(fx, m.Recommend.HeavyKerasShare),
	} {
		if d != nil {
			fired = append(fired, d)
		}
	}
	if len(fired) == 0 {
		fired = append(fired, ruleDefaultPyTorch(fx))
	}
	rec := Recommendation{
		Target:  fired[0].target,
		Summary: fired[0].summary,
		Route:   []string{},
		Note:    "Revisit this choice every year: the frameworks and their ecosystems move fast (guide rule 5).",
	}
	for _, d := range fired {
		rec.Reasons = append(rec.Reasons, d.reason)
	}
	return rec, fired[0].parts
}

// usesIn says "N uses in F files".
func usesIn(items []*item) string {
	files := map[string]bool{}
	for _, it := range items {
		files[it.f.File] = true
	}
	return fmt.Sprintf("%d %s in %d %s", len(items), plural(len(items), "use", "uses"), len(files), plural(len(files), "file", "files"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func percent(share float64) int { return int(math.Round(share * 100)) }
