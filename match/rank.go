package match

import (
	"cmp"
	"slices"
)

// Candidate is one candidate to rank: an ID chosen by the caller (an
// application id, never a name) and the facts of their résumé.
type Candidate struct {
	ID    string `json:"id"`
	Facts Facts  `json:"facts"`
}

// Ranked is a candidate's place in a ranking. Position counts from 1; equal
// candidates get consecutive positions in input order.
type Ranked struct {
	ID       string `json:"id"`
	Position int    `json:"position"`
	Result   Result `json:"result"`
}

// Rank scores every candidate and orders them: higher score first, then more
// required criteria met, then the unrounded score, then input order. It is
// stable and deterministic; it reads nothing but the criteria and facts.
func Rank(c Criteria, candidates []Candidate) []Ranked {
	c = c.prepare()
	out := make([]Ranked, len(candidates))
	for i, cand := range candidates {
		out[i] = Ranked{ID: cand.ID, Result: Score(c, cand.Facts)}
	}
	slices.SortStableFunc(out, func(a, b Ranked) int {
		return cmp.Or(
			cmp.Compare(b.Result.Score, a.Result.Score),
			cmp.Compare(b.Result.RequiredMet, a.Result.RequiredMet),
			cmp.Compare(b.Result.exact, a.Result.exact),
		)
	})
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}
