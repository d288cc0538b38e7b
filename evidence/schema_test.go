package evidence_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/residuehq/residue/evidence"
)

// noNetwork refuses every load: the schemas and everything they refer
// to are added from testdata, and a reference to anything else is a
// test failure rather than a download.
type noNetwork struct{}

func (noNetwork) Load(url string) (any, error) {
	return nil, errors.New("not in testdata/schemas: " + url)
}

// compileSchema compiles testdata/schemas/main with the other files
// there it refers to, each registered under its own id.
func compileSchema(t *testing.T, main string, refs ...string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(noNetwork{})
	c.AssertFormat()
	var mainID string
	for i, name := range append([]string{main}, refs...) {
		f, err := os.Open(filepath.Join("testdata", "schemas", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, _ := doc.(map[string]any)
		id, _ := m["$id"].(string)
		if id == "" {
			id, _ = m["id"].(string) // draft-04
		}
		if id == "" {
			t.Fatalf("%s has no id", name)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if i == 0 {
			mainID = id
		}
	}
	sch, err := c.Compile(mainID)
	if err != nil {
		t.Fatalf("compile %s: %v", main, err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not validate:\n%v", filepath.Base(path), err)
	}
}

// TestSARIFSchema: findings.sarif validates against the official SARIF
// 2.1.0 schema, for a bundle with findings and skipped objects and for
// an empty one.
func TestSARIFSchema(t *testing.T) {
	sch := compileSchema(t, "sarif-schema-2.1.0.json")
	f := newFixture(t)
	for _, sc := range []evidence.Scope{{}, {Models: []string{"hf://none"}}} {
		dir, _ := f.export(t, sc)
		validate(t, sch, filepath.Join(dir, evidence.FileSARIF))
	}
}

// TestCycloneDXSchema: bom.cdx.json validates against the official
// CycloneDX 1.6 schema (with the SPDX and JSF schemas it refers to).
func TestCycloneDXSchema(t *testing.T) {
	sch := compileSchema(t, "bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")
	f := newFixture(t)
	for _, sc := range []evidence.Scope{{}, {Models: []string{"hf://none"}}} {
		dir, _ := f.export(t, sc)
		validate(t, sch, filepath.Join(dir, evidence.FileBOM))
	}
}

// TestSchemasCatchMistakes: the schemas as loaded do reject what they
// should, so a pass above means something.
func TestSchemasCatchMistakes(t *testing.T) {
	sarif := compileSchema(t, "sarif-schema-2.1.0.json")
	bom := compileSchema(t, "bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")
	for _, c := range []struct {
		name string
		sch  *jsonschema.Schema
		doc  map[string]any
	}{
		{"sarif version", sarif, map[string]any{"version": "2.0.0", "runs": []any{}}},
		{"sarif result level", sarif, map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
			"tool":    map[string]any{"driver": map[string]any{"name": "x"}},
			"results": []any{map[string]any{"message": map[string]any{"text": "m"}, "level": "severe"}}}}}},
		{"sarif uri with a space", sarif, map[string]any{"version": "2.1.0", "runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{"name": "x"}},
			"results": []any{map[string]any{"message": map[string]any{"text": "m"}, "locations": []any{map[string]any{
				"physicalLocation": map[string]any{"artifactLocation": map[string]any{"uri": "s3://lake/b/keys 100%.csv"}}}}}}}}}},
		{"bom component type", bom, map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6",
			"components": []any{map[string]any{"type": "dataset", "name": "x"}}}},
		{"bom data governance", bom, map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6",
			"components": []any{map[string]any{"type": "data", "name": "x", "data": []any{map[string]any{"type": "dataset",
				"governance": map[string]any{"owners": []any{map[string]any{}}}}}}}}},
	} {
		if err := c.sch.Validate(c.doc); err == nil {
			t.Errorf("%s: a bad document validates", c.name)
		}
	}
}
