// Package openlineage reads OpenLineage events (https://openlineage.io) and
// turns them into what the lineage store records: a RunEvent or a JobEvent
// becomes a lineage.RunRecord, a DatasetEvent a lineage.Ref to touch.
//
// # Input
//
// A Decoder reads one event per line (NDJSON, what producers log and the
// file transport writes), a JSON array of events, or one or more events
// written out whole (pretty-printed, what Marquez's examples hold). It
// decides by the first byte that is not white space and by whether the
// first line is a complete JSON value. A rejected event is reported with
// its position and the line it starts on ("event 3 (line 17): …"), and
// the events after it are still read when the framing allows: every line
// of NDJSON and every element of an array stands alone; a syntax error in
// an array or in whole events ends the input. An event may be at most
// MaxEventSize bytes, so memory stays bounded however large the input.
//
// # Events
//
//   - RunEvent: has a run (run.runId, required) and a job (job.namespace,
//     job.name). Its runId is the record's Key, so the START, RUNNING and
//     COMPLETE events of one run merge into one run. An absent eventType
//     is OTHER, the spec's event that changes no state.
//   - JobEvent: a job with inputs and outputs and no run. It is recorded
//     as a run keyed "job:" + namespace + "/" + name, so that repeated
//     JobEvents of one job merge too.
//   - DatasetEvent: a dataset and no run: the dataset (or model) and the
//     version it names are recorded without a run.
//
// Every event needs an eventTime: RFC 3339 with any fraction of a second,
// or without a zone (read as UTC, as Marquez does). Inputs, outputs and
// the dataset need a namespace and a name.
//
// # Naming
//
// residue names a dataset by a URI; OpenLineage by a namespace and a name
// (https://openlineage.io/docs/spec/naming). URI maps one to the other:
//
//   - a namespace with a scheme (s3://bucket, gs://bucket,
//     postgres://host:5432, hdfs://namenode:8020, kafka://broker:9092):
//     the namespace, a slash, and the name without leading or trailing
//     slashes. s3://bucket with name dir/part-0.parquet is
//     s3://bucket/dir/part-0.parquet, the URI residue sweep gives the same
//     object; s3a:// and s3n:// (Spark's) are written s3://.
//   - the namespace file (or file:// without a host) and an absolute
//     path: file:// and the cleaned path, the URI residue scan gives a
//     local path.
//   - any other namespace (food_delivery, bigquery, a scheduler's name):
//     openlineage://, the namespace path-escaped (a slash in it is %2F),
//     a slash, and the name as it is. openlineage://food_delivery/public.orders
//     names food_delivery's public.orders; the escaping keeps namespace
//     a/b with name c apart from namespace a with name b/c.
//
// The namespace and name are kept beside the URI, so the lineage graph
// shows the names producers sent. Names is the inverse of URI for
// datasets that residue named itself.
//
// # Models
//
// A dataset is a model when it carries the DatasetTypeDatasetFacet
// (facet "datasetType") with datasetType MODEL, in any case, or a facet
// named "residue_model". Its version is the DatasetVersionDatasetFacet's
// datasetVersion (facet "version"), for models overridden by
// residue_model's "version" field:
//
//	"facets": {"residue_model": {"_producer": "…", "_schemaURL": "…", "version": "v3"}}
//
// # What is kept
//
// Only the graph: names, versions, times, states. Facets are read for
// the three above and otherwise dropped; no facet's content appears in a
// record or an error message, since facets carry SQL, schemas and
// documentation that may hold anything.
package openlineage
