package main

import (
	"bytes"
	"errors"
	"io"
	"io/fs"

	"go.yaml.in/yaml/v3"

	"github.com/frameshift/frameshift/scanner/walk"
)

// repoConfigName is the per-repository settings file, read from the scanned root.
const repoConfigName = ".frameshift.yaml"

// repoConfig is what a repository can set for itself, so that CI needs no flags.
type repoConfig struct {
	// FailOn are --fail-on policies.
	FailOn []string `yaml:"fail-on"`
	// Baseline is a JSON report path (relative to the current directory) or a git ref
	// of the repository, used when --baseline is not given.
	Baseline string `yaml:"baseline"`
	// Exclude and Include add to --exclude and --include.
	Exclude []string `yaml:"exclude"`
	Include []string `yaml:"include"`
}

// readRepoConfig reads .frameshift.yaml from the root of fsys; a missing file is
// not an error, a malformed one is an input error naming it.
func readRepoConfig(fsys walk.FS, input string) (*repoConfig, error) {
	data, err := fsys.ReadFile(repoConfigName)
	if errors.Is(err, fs.ErrNotExist) {
		return &repoConfig{}, nil
	}
	if err != nil {
		return nil, inputErrorf("read %s in %s: %v", repoConfigName, input, err)
	}
	var cfg repoConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, inputErrorf("read %s in %s: %v", repoConfigName, input, err)
	}
	return &cfg, nil
}
