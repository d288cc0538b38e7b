package main

import (
	"github.com/spf13/pflag"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/gcs"
	"github.com/residuehq/residue/sources/local"
	"github.com/residuehq/residue/sources/s3"
)

// storeOptions are the flags that reach object stores; every command that
// reads data takes them.
type storeOptions struct {
	s3Endpoint      string
	s3PathStyle     bool
	s3RequesterPays bool
	s3Region        string
}

func (o *storeOptions) flags(f *pflag.FlagSet) {
	f.StringVar(&o.s3Endpoint, "s3-endpoint", "", "base URL of an S3-compatible store (default $AWS_ENDPOINT_URL_S3, else AWS)")
	f.BoolVar(&o.s3PathStyle, "s3-path-style", false, "address S3 buckets as ENDPOINT/BUCKET (most S3-compatible stores need it; on with --s3-endpoint)")
	f.BoolVar(&o.s3RequesterPays, "s3-requester-pays", false, "accept the charges of reading requester-pays buckets")
	f.StringVar(&o.s3Region, "s3-region", "", "use this region for every bucket instead of asking each bucket's")
}

// registry maps URL schemes to stores: local paths and file://, s3://,
// gs:// (application default credentials; STORAGE_EMULATOR_HOST honoured).
func (o *storeOptions) registry(e *env) *sources.Registry {
	ep := o.s3Endpoint
	if ep == "" {
		ep = e.getenv("AWS_ENDPOINT_URL_S3")
	}
	return sources.NewRegistry(
		local.New(),
		s3.New(s3.Options{
			Endpoint:      ep,
			PathStyle:     o.s3PathStyle || ep != "",
			RequesterPays: o.s3RequesterPays,
			Region:        o.s3Region,
		}),
		gcs.New(gcs.Options{}),
	)
}
