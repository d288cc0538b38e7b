// Package server is residue's HTTP face: the OpenLineage endpoint that
// pipelines already know how to send to, a read API over the lineage
// store, a health check and metrics.
//
//	POST /api/v1/lineage   OpenLineage events, as the OpenLineage HTTP transport
//	                       sends them: one JSON event per request, or an array
//	                       or NDJSON of them; Content-Encoding gzip accepted.
//	                       201 and {"accepted": N} when every event is stored;
//	                       400 and {"error": "event 2 (line 9): …"} when one is
//	                       malformed, and then none is stored; 413 past the size
//	                       cap; 415 for another encoding.
//	GET  /api/v1/lineage   ?nodeId=ID&depth=N: the graph around a node, in the
//	                       shape of Marquez's lineage API.
//	GET  /api/v1/models    ?status=S&all_versions=true&min_likelihood=L: every
//	                       model version's status with its reasons.
//	GET  /healthz          200 "ok" when the store answers, else 503.
//	GET  /metrics          Prometheus text exposition.
//
// With a token, the /api/ routes want "Authorization: Bearer TOKEN" (what
// the OpenLineage transport's api_key auth sends) and answer 401 without
// it; /healthz and /metrics stay open to probes and scrapers, and say
// nothing about the data.
//
// # Graph
//
// Nodes are jobs and the datasets and models their runs read and wrote,
// not versions: a job's node gathers every run of it. Their IDs are
// Marquez's, job:NAMESPACE:NAME and dataset:NAMESPACE:NAME, and for models
// model:NAMESPACE:NAME with type MODEL (a client that knows only JOB and
// DATASET can treat it as a dataset). A dataset residue named itself
// (a sweep, a scan, lineage record) gets the namespace and name the
// OpenLineage naming spec gives its URI (openlineage.Names); a run
// recorded on the command line has the empty namespace, job::NAME.
//
// nodeId is such an ID, or a dataset's or model's URI as residue names it
// (s3://bucket/prefix, file:///data/x). The graph holds the nodes within
// depth edges of it (default 20), following edges either way as Marquez
// does, and the edges between them; a job's data lists all its inputs and
// outputs, in the graph or not.
//
// # Metrics
//
//	residue_openlineage_events_received_total{type}   events read from requests
//	residue_openlineage_events_accepted_total{type}   events stored
//	residue_openlineage_events_rejected_total{type}   events not stored: malformed,
//	                                                  in a request with a malformed
//	                                                  one, or failed to store
//	residue_http_requests_total{route,method,code}
//	residue_http_request_duration_seconds{route,method}  a histogram
//	residue_store_errors_total{op}                    op: record, read, ping
//
// type is run, job, dataset, or unknown for an event too broken to tell.
package server
