package server

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/residuehq/residue/lineage"
	"github.com/residuehq/residue/lineage/openlineage"
)

// Node types of the graph.
const (
	NodeJob     = "JOB"
	NodeDataset = "DATASET"
	NodeModel   = "MODEL"
)

const (
	defaultDepth = 20
	maxDepth     = 1000
)

// Graph is the answer of GET /api/v1/lineage.
type Graph struct {
	Graph []GraphNode `json:"graph"`
}

// GraphNode is a job, a dataset or a model, with the edges between it and
// the other nodes of the graph.
type GraphNode struct {
	ID       string      `json:"id"`
	Type     string      `json:"type"`
	Data     any         `json:"data"` // *JobData or *DatasetData
	InEdges  []GraphEdge `json:"inEdges"`
	OutEdges []GraphEdge `json:"outEdges"`
}

// GraphEdge runs from a dataset or model to a job reading it, or from a
// job to a dataset or model it wrote.
type GraphEdge struct {
	Origin      string `json:"origin"`
	Destination string `json:"destination"`
}

// NodeName is OpenLineage's name of a job or dataset.
type NodeName struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

// JobData describes a job: every input and output of its runs.
type JobData struct {
	ID        NodeName   `json:"id"`
	Namespace string     `json:"namespace"`
	Name      string     `json:"name"`
	Inputs    []NodeName `json:"inputs"`
	Outputs   []NodeName `json:"outputs"`
	Runs      int        `json:"runs"`
	LatestRun *RunData   `json:"latestRun,omitempty"`
}

// RunData is a run of a job; ID is its OpenLineage runId (or the key
// residue gave it).
type RunData struct {
	ID        string    `json:"id"`
	State     string    `json:"state"`
	StartedAt time.Time `json:"startedAt"`
	EndedAt   time.Time `json:"endedAt"`
}

// DatasetData describes a dataset or a model.
type DatasetData struct {
	ID        NodeName `json:"id"`
	Kind      string   `json:"kind"` // lineage.KindDataset or lineage.KindModel
	Namespace string   `json:"namespace"`
	Name      string   `json:"name"`
	URI       string   `json:"uri"`
	// Versions are the versions runs read or wrote, in the order of the
	// runs.
	Versions []string `json:"versions"`
}

type gnode struct {
	GraphNode
	job     *JobData
	dataset *DatasetData
	in, out map[string]bool // the IDs of the nodes edges come from and go to
}

// graph is every job, dataset and model, and the edges runs make.
type graph struct {
	nodes map[string]*gnode
	byURI map[string]*gnode // by kind and URI
}

// buildGraph builds the whole graph from every run and node of the store;
// each query loads them all, which is fine while runs number in the tens
// of thousands.
func buildGraph(runs []lineage.Run, nodes []lineage.Node) *graph {
	g := &graph{nodes: map[string]*gnode{}, byURI: map[string]*gnode{}}
	for _, n := range nodes {
		g.dataset(n.Kind, n.URI, n.Namespace, n.Name)
	}
	for _, r := range runs {
		id := "job:" + r.Namespace + ":" + r.Name
		j := g.nodes[id]
		if j == nil {
			j = &gnode{job: &JobData{ID: NodeName{r.Namespace, r.Name}, Namespace: r.Namespace, Name: r.Name}}
			j.GraphNode = GraphNode{ID: id, Type: NodeJob, Data: j.job}
			j.in, j.out = map[string]bool{}, map[string]bool{}
			g.nodes[id] = j
		}
		j.job.Runs++
		if l := j.job.LatestRun; l == nil || !r.Started.Before(l.StartedAt) {
			j.job.LatestRun = &RunData{ID: r.Key, State: r.State, StartedAt: r.Started, EndedAt: r.Ended}
		}
		for _, in := range r.Inputs {
			d := g.dataset(in.Kind, in.URI, in.Namespace, in.Name)
			d.addVersion(in.Version)
			d.out[id], j.in[d.ID] = true, true
		}
		for _, out := range r.Outputs {
			d := g.dataset(out.Kind, out.URI, out.Namespace, out.Name)
			d.addVersion(out.Version)
			j.out[d.ID], d.in[id] = true, true
		}
	}
	for _, n := range g.nodes {
		if n.job == nil {
			continue
		}
		n.job.Inputs, n.job.Outputs = g.names(n.in), g.names(n.out)
	}
	return g
}

// dataset returns the node of a dataset or model, adding it. A node
// without OpenLineage names gets those of its URI.
func (g *graph) dataset(kind, uri, namespace, name string) *gnode {
	key := kind + " " + uri
	if n := g.byURI[key]; n != nil {
		return n
	}
	if namespace == "" && name == "" {
		namespace, name = openlineage.Names(uri)
	}
	typ, prefix := NodeDataset, "dataset:"
	if kind == lineage.KindModel {
		typ, prefix = NodeModel, "model:"
	}
	id := prefix + namespace + ":" + name
	if g.nodes[id] != nil {
		// Two URIs under one name (a producer naming one location two
		// ways): the second goes by its URI.
		id = prefix + uri
	}
	d := &gnode{dataset: &DatasetData{ID: NodeName{namespace, name}, Kind: kind, Namespace: namespace, Name: name, URI: uri, Versions: []string{}}}
	d.GraphNode = GraphNode{ID: id, Type: typ, Data: d.dataset}
	d.in, d.out = map[string]bool{}, map[string]bool{}
	g.nodes[id], g.byURI[key] = d, d
	return d
}

func (n *gnode) addVersion(v string) {
	if v != "" && !slices.Contains(n.dataset.Versions, v) {
		n.dataset.Versions = append(n.dataset.Versions, v)
	}
}

func (g *graph) names(ids map[string]bool) []NodeName {
	out := []NodeName{}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		out = append(out, g.nodes[id].dataset.ID)
	}
	return out
}

// find resolves a nodeId: an ID of the graph; a dataset's or model's
// URI; or dataset:NAMESPACE:NAME naming the same URI as a node under
// other names (a namespace may hold colons, so every split is tried).
func (g *graph) find(nodeID string) *gnode {
	if n := g.nodes[nodeID]; n != nil {
		return n
	}
	for _, kind := range []string{lineage.KindDataset, lineage.KindModel} {
		if n := g.byURI[kind+" "+nodeID]; n != nil {
			return n
		}
		if n := g.byURI[kind+" "+strings.TrimRight(nodeID, "/")]; n != nil {
			return n
		}
		rest, ok := strings.CutPrefix(nodeID, kind+":")
		if !ok {
			continue
		}
		if n := g.byURI[kind+" "+rest]; n != nil {
			return n
		}
		for i := range len(rest) {
			if rest[i] != ':' {
				continue
			}
			if n := g.byURI[kind+" "+openlineage.URI(rest[:i], rest[i+1:])]; n != nil {
				return n
			}
		}
	}
	return nil
}

// around returns the nodes within depth edges of start, either way, and
// the edges between them, by ID.
func (g *graph) around(start *gnode, depth int) Graph {
	dist := map[string]int{start.ID: 0}
	queue := []*gnode{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if dist[n.ID] == depth {
			continue
		}
		for _, next := range slices.Concat(slices.Sorted(maps.Keys(n.in)), slices.Sorted(maps.Keys(n.out))) {
			if _, seen := dist[next]; !seen {
				dist[next] = dist[n.ID] + 1
				queue = append(queue, g.nodes[next])
			}
		}
	}
	out := Graph{Graph: []GraphNode{}}
	for _, id := range slices.Sorted(maps.Keys(dist)) {
		n := g.nodes[id]
		gn := n.GraphNode
		gn.InEdges, gn.OutEdges = []GraphEdge{}, []GraphEdge{}
		for _, from := range slices.Sorted(maps.Keys(n.in)) {
			if _, ok := dist[from]; ok {
				gn.InEdges = append(gn.InEdges, GraphEdge{Origin: from, Destination: id})
			}
		}
		for _, to := range slices.Sorted(maps.Keys(n.out)) {
			if _, ok := dist[to]; ok {
				gn.OutEdges = append(gn.OutEdges, GraphEdge{Origin: id, Destination: to})
			}
		}
		out.Graph = append(out.Graph, gn)
	}
	return out
}

func (s *Server) getLineage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	nodeID := q.Get("nodeId")
	if nodeID == "" {
		writeError(w, http.StatusBadRequest, "nodeId is required: job:NAMESPACE:NAME, dataset:NAMESPACE:NAME, model:NAMESPACE:NAME or a URI")
		return
	}
	depth := defaultDepth
	if v := q.Get("depth"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("depth %q: want a whole number, 0 or more", v))
			return
		}
		depth = min(n, maxDepth)
	}
	runs, err := s.store.Runs(r.Context())
	if err != nil {
		s.storeError("read", err)
		writeError(w, http.StatusInternalServerError, "could not read the lineage store")
		return
	}
	nodes, err := s.store.Nodes(r.Context())
	if err != nil {
		s.storeError("read", err)
		writeError(w, http.StatusInternalServerError, "could not read the lineage store")
		return
	}
	g := buildGraph(runs, nodes)
	start := g.find(nodeID)
	if start == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no node %q", nodeID))
		return
	}
	writeJSON(w, http.StatusOK, g.around(start, depth))
}
