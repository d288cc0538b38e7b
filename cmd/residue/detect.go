package main

import (
	"fmt"
	"regexp"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/config"
)

// loadConfig reads --config (or $RESIDUE_CONFIG); nil when neither is set.
func (g *globals) loadConfig(e *env) (*config.File, error) {
	path := g.configPath
	if path == "" {
		path = e.getenv("RESIDUE_CONFIG")
	}
	if path == "" {
		return nil, nil
	}
	return config.Load(path)
}

// detectorSet is the built-in detectors plus the configuration's custom
// ones, with the engine options the configuration sets.
type detectorSet struct {
	detectors []*classify.Detector
	opts      classify.Options
}

// detectors assembles the detector set; minLikelihood, when not zero,
// overrides the configuration's.
func (g *globals) detectors(e *env) (*detectorSet, *config.File, error) {
	cfg, err := g.loadConfig(e)
	if err != nil {
		return nil, nil, err
	}
	set := &detectorSet{detectors: classify.Builtin()}
	if cfg == nil {
		return set, nil, nil
	}
	ids := map[string]bool{}
	for _, d := range set.detectors {
		ids[d.ID] = true
	}
	for _, spec := range cfg.Detectors {
		d, err := classify.NewCustom(classify.CustomSpec{
			Name: spec.Name, InfoType: spec.InfoType, Category: spec.Category, Description: spec.Description,
			Pattern: spec.Pattern, Keywords: spec.Keywords, Validator: spec.Validator, Context: spec.Context,
			RequireContext: spec.RequireContext, Likelihood: spec.Likelihood,
		})
		if err != nil {
			return nil, nil, cfg.Errorf(spec.Line, "detector %q: %v", spec.Name, err)
		}
		if ids[d.ID] {
			return nil, nil, cfg.Errorf(spec.Line, "detector %q: a detector of that name exists", spec.Name)
		}
		ids[d.ID] = true
		set.detectors = append(set.detectors, d)
	}
	for _, a := range cfg.Allow {
		if a.Pattern != "" {
			if _, err := regexp.Compile(a.Pattern); err != nil {
				return nil, nil, cfg.Errorf(a.Line, "allow pattern: %v", err)
			}
		}
		set.opts.Allow = append(set.opts.Allow, classify.AllowRule{Value: a.Value, Pattern: a.Pattern, Detector: a.Detector, InfoType: a.InfoType})
	}
	set.opts.ContextWindow = cfg.Detection.ContextWindow
	set.opts.Disable = cfg.Detection.Disable
	if cfg.Detection.MinLikelihood != "" {
		l, err := classify.ParseLikelihood(cfg.Detection.MinLikelihood)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: detection.min_likelihood: %w", cfg.Path, err)
		}
		set.opts.MinLikelihood = l
	}
	return set, cfg, nil
}
