package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"strings"
)

// genFile is one generated file.
type genFile struct {
	path string
	kind int // index into mix
	data []byte
}

const (
	// filesPerProject groups files into repositories of about this size.
	filesPerProject = 100
	// medianSize and sizeSpread give a log-normal file size: median 10.5 KB, mean
	// about 15 KB, a few files past 60 KB, like real ML code.
	medianSize = 10500
	sizeSpread = 0.8
	minSize    = 600
	maxSize    = 160000
)

// streams separate the random choices, so that adding a kind does not reshuffle
// the sizes, and one file's content does not depend on any other file's.
const (
	streamLayout = 1 << 40
	streamFile   = 2 << 40
)

// generate returns the corpus for a seed, in a stable order. It calls emit for
// each file as soon as it is made, so a large corpus is never all in memory.
func generate(files int, seed uint64, emit func(genFile) error) error {
	if files < 1 {
		return fmt.Errorf("the corpus needs at least one file, got %d", files)
	}
	layout := rand.New(rand.NewPCG(seed, streamLayout))
	var kinds []int
	for k, c := range counts(files) {
		for i := 0; i < c; i++ {
			kinds = append(kinds, k)
		}
	}
	layout.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })

	var p *project
	for i, k := range kinds {
		if i%filesPerProject == 0 {
			p = newProject(layout, i/filesPerProject)
		}
		r := rand.New(rand.NewPCG(seed, streamFile+uint64(i)))
		f := genFile{kind: k}
		if mix[k].write == nil {
			name := p.manifestName()
			f.path = path.Join(p.root, name)
			f.data = manifestFile(r, path.Base(name), p.root)
		} else {
			f.path = p.place(layout, mix[k].name)
			f.data = mix[k].write(r, fileSize(r))
		}
		if err := emit(f); err != nil {
			return err
		}
	}
	return nil
}

func fileSize(r *rand.Rand) int {
	s := math.Exp(math.Log(medianSize) + sizeSpread*r.NormFloat64())
	return int(math.Min(maxSize, math.Max(minSize, s)))
}

// project lays out one repository: a package tree under src/, tests/, notebooks/
// and manifests at the root.
type project struct {
	root      string
	pkg       string
	dirs      []string
	used      map[string]bool
	manifests int
}

func newProject(r *rand.Rand, index int) *project {
	pkg := adjectives[r.IntN(len(adjectives))] + "_" + nouns[r.IntN(len(nouns))]
	p := &project{
		root: fmt.Sprintf("%s-%02d", strings.ReplaceAll(pkg, "_", "-"), index),
		pkg:  pkg,
		used: map[string]bool{},
	}
	base := path.Join(p.root, "src", pkg)
	p.dirs = []string{base}
	for i := 1 + r.IntN(8); i > 0; i-- {
		parent := p.dirs[r.IntN(len(p.dirs))]
		if strings.Count(parent, "/") >= 5 {
			parent = base
		}
		p.dirs = append(p.dirs, path.Join(parent, nouns[r.IntN(len(nouns))]))
	}
	return p
}

// place returns a new file's path, unique within the corpus.
func (p *project) place(r *rand.Rand, kind string) string {
	var dir, stem, ext string
	name := verbs[r.IntN(len(verbs))] + "_" + nouns[r.IntN(len(nouns))]
	switch kind {
	case "plain-test":
		dir, stem, ext = path.Join(p.root, "tests"), "test_"+name, ".py"
	case "notebook":
		dir, stem, ext = path.Join(p.root, "notebooks"), fmt.Sprintf("%02d_%s", r.IntN(100), name), ".ipynb"
	default:
		dir, stem, ext = p.dirs[r.IntN(len(p.dirs))], name, ".py"
	}
	candidate := path.Join(dir, stem+ext)
	for n := 2; p.used[candidate]; n++ {
		candidate = path.Join(dir, fmt.Sprintf("%s_%d%s", stem, n, ext))
	}
	p.used[candidate] = true
	return candidate
}

// manifestName returns the project's next manifest, at the root first and then
// under deploy/ folders once every name is taken.
func (p *project) manifestName() string {
	n := p.manifests
	p.manifests++
	name := manifestNames[n%len(manifestNames)]
	if round := n / len(manifestNames); round > 0 {
		return path.Join(fmt.Sprintf("deploy/%d", round), name)
	}
	return name
}
