package pathway

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/signpost-dev/signpost/internal/diag"
)

// checkGraph reports unreachable questions (only when every answer leads
// somewhere known) and loops, and numbers the questions breadth first from
// start. Only questions with a valid, unique
// id are part of the graph; the others are already reported.
func (c *checker) checkGraph(p *Pathway) {
	var nodes []*Question
	index := map[*Question]int{}
	for _, q := range p.Questions {
		if q.ID != "" && c.byID[q.ID] == q {
			index[q] = len(nodes)
			nodes = append(nodes, q)
		}
	}

	if p.Start != nil {
		for i, q := range breadthFirst(p.Start) {
			q.N = i + 1
		}
		// An answer that leads nowhere known is reported, and may be why a
		// question cannot be reached: one mistake, one message.
		for _, q := range nodes {
			if c.broken {
				break
			}
			if q.N == 0 {
				c.diags.Errorf(c.file, q.Draft.IDPos, "question %q is not reachable from start %q: point a next at it from an answer, or remove it", q.ID, p.Start.ID)
			}
		}
	}

	adj := make([][]int, len(nodes))
	for i, q := range nodes {
		for _, a := range q.Answers {
			if a.Next != nil {
				adj[i] = append(adj[i], index[a.Next])
			}
		}
	}
	for _, loop := range loops(adj) {
		first := nodes[loop.cycle[0]]
		if len(loop.cycle) == 1 {
			c.diags.Errorf(c.file, first.Draft.IDPos, "question %q leads back to itself, %s -> %s: every route must end in an outcome, so point its next at a later question or an outcome", first.ID, first.ID, first.ID)
			continue
		}
		names := make([]string, 0, len(loop.cycle)+1)
		for _, i := range loop.cycle {
			names = append(names, nodes[i].ID)
		}
		names = append(names, first.ID)
		msg := fmt.Sprintf("questions form a loop, %s: every route must end in an outcome, so point one of these next keys at a later question or an outcome", strings.Join(names, " -> "))
		if len(loop.others) > 0 {
			others := make([]string, len(loop.others))
			for i, j := range loop.others {
				others[i] = nodes[j].ID
			}
			msg += fmt.Sprintf(" (%s also loop back into it)", strings.Join(others, ", "))
		}
		c.diags.Errorf(c.file, first.Draft.IDPos, "%s", msg)
	}
}

// breadthFirst returns the questions reachable from start, breadth first
// with answers in file order.
func breadthFirst(start *Question) []*Question {
	order := []*Question{start}
	seen := map[*Question]bool{start: true}
	for i := 0; i < len(order); i++ {
		for _, a := range order[i].Answers {
			if a.Next != nil && !seen[a.Next] {
				seen[a.Next] = true
				order = append(order, a.Next)
			}
		}
	}
	return order
}

// loop is one cycle to report: a question that leads to itself, or the
// shortest cycle through the first node of a strongly connected group of
// two or more.
type loop struct {
	cycle  []int // from its first node; one node for a question leading to itself
	others []int // the group's nodes not on cycle, ascending
}

// loops finds the cycles of the graph adj (nodes numbered in file order)
// and returns one loop per strongly connected group of two or more nodes,
// and one per node with an edge to itself, ordered by first node. Groups
// are found with Tarjan's algorithm, run without recursion.
func loops(adj [][]int) []loop {
	n := len(adj)
	order := make([]int, n) // 1-based visiting order; 0 = not visited
	low := make([]int, n)
	onStack := make([]bool, n)
	var stack []int
	var out []loop
	visited := 0
	type frame struct{ v, next int }
	for root := range n {
		if order[root] != 0 {
			continue
		}
		visited++
		order[root], low[root] = visited, visited
		stack = append(stack, root)
		onStack[root] = true
		calls := []frame{{root, 0}}
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < len(adj[v]) {
				w := adj[v][f.next]
				f.next++
				if order[w] == 0 {
					visited++
					order[w], low[w] = visited, visited
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, 0})
				} else if onStack[w] {
					low[v] = min(low[v], order[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != order[v] {
				continue
			}
			var group []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				group = append(group, w)
				if w == v {
					break
				}
			}
			slices.Sort(group)
			if len(group) > 1 {
				cycle := shortestCycle(adj, group)
				others := slices.DeleteFunc(slices.Clone(group), func(v int) bool { return slices.Contains(cycle, v) })
				out = append(out, loop{cycle: cycle, others: others})
			}
			for _, v := range group {
				if slices.Contains(adj[v], v) {
					out = append(out, loop{cycle: []int{v}})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b loop) int { return a.cycle[0] - b.cycle[0] })
	return out
}

// shortestCycle returns the shortest cycle of two or more nodes from
// group[0] back to itself through the nodes of group, found breadth first
// with edges in order.
func shortestCycle(adj [][]int, group []int) []int {
	first := group[0]
	in := map[int]bool{}
	for _, v := range group {
		in[v] = true
	}
	parent := map[int]int{first: -1}
	queue := []int{first}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		for _, w := range adj[v] {
			if w == first && v != first {
				var cycle []int
				for u := v; u != -1; u = parent[u] {
					cycle = append(cycle, u)
				}
				slices.Reverse(cycle)
				return cycle
			}
			if _, seen := parent[w]; !seen && in[w] {
				parent[w] = v
				queue = append(queue, w)
			}
		}
	}
	return group // unreachable: a strongly connected group has such a cycle
}

// postorder returns the questions reachable from start, each after every
// question its answers lead to (a reverse topological order). An answer
// leading back to a question still being visited (a loop, which Load
// rejects) is not followed.
func postorder(start *Question) []*Question {
	type frame struct {
		q    *Question
		next int
	}
	state := map[*Question]int{start: 1} // 1 visiting, 2 done
	calls := []frame{{start, 0}}
	var out []*Question
	for len(calls) > 0 {
		f := &calls[len(calls)-1]
		if f.next < len(f.q.Answers) {
			a := f.q.Answers[f.next]
			f.next++
			if a.Next != nil && state[a.Next] == 0 {
				state[a.Next] = 1
				calls = append(calls, frame{a.Next, 0})
			}
			continue
		}
		state[f.q] = 2
		out = append(out, f.q)
		calls = calls[:len(calls)-1]
	}
	return out
}

// CountRoutes returns the number of routes from start to an outcome,
// without enumerating them: each question's count is the sum over its
// answers (1 for an outcome, the next question's count for a next), taken
// in reverse topological order. The count saturates at math.MaxUint64.
func (p *Pathway) CountRoutes() uint64 {
	if p == nil || p.Start == nil {
		return 0
	}
	counts := map[*Question]uint64{}
	for _, q := range postorder(p.Start) {
		var n uint64
		for _, a := range q.Answers {
			if a.Next != nil {
				n = addSaturating(n, counts[a.Next])
			} else {
				n = addSaturating(n, 1)
			}
		}
		counts[q] = n
	}
	return counts[p.Start]
}

func addSaturating(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

// CheckRouteLimit reports an error at line 1 of the pathway's file when it
// has more routes than limit: every route must be signed off by a clinical
// reviewer, so a pathway may not grow past what they can read.
func CheckRouteLimit(p *Pathway, limit uint64, diags *diag.List) {
	n := p.CountRoutes()
	if n <= limit {
		return
	}
	count := fmt.Sprint(n)
	if n == math.MaxUint64 {
		count = "at least " + count
	}
	diags.Errorf(p.File, diag.Pos{Line: 1}, "pathway has %s routes, more than the limit of %d that reviewers can sign off; split it into smaller pathways or share sub-questions, or raise max_routes in site.toml", count, limit)
}

// Route is one walk through a pathway: the questions asked, the answer
// given to each, and the outcome it ends in.
type Route struct {
	Steps   []Step
	Outcome string
}

// Step is one question of a route and the answer given.
type Step struct {
	Question *Question
	Answer   *Answer
}

// Routes returns every route from start, each exactly once, depth first
// with answers in file order. Their number is CountRoutes, which may be
// astronomically large: call Routes only on a pathway that passed
// CheckRouteLimit.
func (p *Pathway) Routes() []Route {
	if p == nil || p.Start == nil {
		return nil
	}
	var routes []Route
	var steps []Step
	onPath := map[*Question]bool{}
	var walk func(q *Question)
	walk = func(q *Question) {
		onPath[q] = true
		for _, a := range q.Answers {
			steps = append(steps, Step{Question: q, Answer: a})
			switch {
			case a.Next == nil:
				routes = append(routes, Route{Steps: slices.Clone(steps), Outcome: a.Outcome})
			case !onPath[a.Next]: // a loop, which Load rejects, is not followed
				walk(a.Next)
			}
			steps = steps[:len(steps)-1]
		}
		onPath[q] = false
	}
	walk(p.Start)
	return routes
}

// Outcomes returns the distinct outcome ids the pathway can end in, in the
// order a breadth-first walk from start (answers in file order) first meets
// them.
func (p *Pathway) Outcomes() []string {
	if p == nil || p.Start == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, q := range breadthFirst(p.Start) {
		for _, a := range q.Answers {
			if a.Next == nil && a.Outcome != "" && !seen[a.Outcome] {
				seen[a.Outcome] = true
				out = append(out, a.Outcome)
			}
		}
	}
	return out
}
