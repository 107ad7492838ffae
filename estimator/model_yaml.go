package estimator

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

var modelType = reflect.TypeOf(Model{})

// checkSchema walks a decoded YAML node against the model's Go type before the real
// decode, because yaml's own errors name Go types rather than the field a user
// wrote ("field nonee not found in type estimator.LevelHours"). Every error here
// names the dotted field path, e.g. levels.redesign.
func checkSchema(n *yaml.Node, t reflect.Type, field string) error {
	if n.Kind == yaml.AliasNode {
		return fieldErr(field, n, "aliases are not supported in a model file")
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return fieldErr(field, n, "must be a mapping of fields")
		}
		known := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			name := yamlName(t.Field(i))
			if name == "" {
				continue
			}
			known[name] = t.Field(i).Type
			names = append(names, name)
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			sub := join(field, key.Value)
			ft, ok := known[key.Value]
			if !ok {
				return fieldErr(sub, key, "unknown field (known: "+strings.Join(names, ", ")+")")
			}
			if seen[key.Value] {
				return fieldErr(sub, key, "is set twice")
			}
			seen[key.Value] = true
			if err := checkSchema(val, ft, sub); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return fieldErr(field, n, "must be a mapping")
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if err := checkSchema(val, t.Elem(), join(field, key.Value)); err != nil {
				return err
			}
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			return fieldErr(field, n, "must be a number")
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return fieldErr(field, n, "must be a whole number")
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return fieldErr(field, n, "must be text")
		}
	}
	return nil
}

func fieldErr(field string, n *yaml.Node, msg string) error {
	if field == "" {
		field = "top level"
	}
	return fmt.Errorf("line %d: %s: %s", n.Line, field, msg)
}

func yamlName(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	return name
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// YAML renders the model as a YAML file for editing, with the comments of the
// embedded default so that every field says what it means.
func (m Model) YAML() ([]byte, error) {
	var out yaml.Node
	if err := out.Encode(m); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	var commented yaml.Node
	if err := yaml.Unmarshal(embeddedModel, &commented); err != nil {
		return nil, fmt.Errorf("read embedded model.yaml: %w", err)
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{&out}}
	if len(commented.Content) > 0 {
		doc.HeadComment = commented.HeadComment
		copyComments(commented.Content[0], &out)
	}
	sortMapKeys(&out)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(4)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	return buf.Bytes(), nil
}

// copyComments copies the comments of from's keys onto the same keys of to,
// recursively, so a re-encoded model keeps the default file's explanations.
func copyComments(from, to *yaml.Node) {
	to.HeadComment, to.LineComment, to.FootComment = from.HeadComment, from.LineComment, from.FootComment
	if from.Kind != yaml.MappingNode || to.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(from.Content); i += 2 {
		fk, fv := from.Content[i], from.Content[i+1]
		for j := 0; j+1 < len(to.Content); j += 2 {
			tk, tv := to.Content[j], to.Content[j+1]
			if tk.Value == fk.Value {
				tk.HeadComment, tk.LineComment, tk.FootComment = fk.HeadComment, fk.LineComment, fk.FootComment
				copyComments(fv, tv)
			}
		}
	}
}

// sortMapKeys orders reference_hours by path id: a Go map has no order, and the
// printed model must be the same bytes every time.
func sortMapKeys(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "reference_hours" {
			v := n.Content[i+1]
			type pair struct{ k, v *yaml.Node }
			pairs := make([]pair, 0, len(v.Content)/2)
			for j := 0; j+1 < len(v.Content); j += 2 {
				pairs = append(pairs, pair{v.Content[j], v.Content[j+1]})
			}
			sort.Slice(pairs, func(a, b int) bool { return pairs[a].k.Value < pairs[b].k.Value })
			v.Content = v.Content[:0]
			for _, p := range pairs {
				v.Content = append(v.Content, p.k, p.v)
			}
			if len(pairs) == 0 {
				v.Style = yaml.FlowStyle
			}
		}
	}
}
