package skillkeepr

// RatingSummary is what the submitted rating cards of an application say, averaged.
type RatingSummary struct {
	Cards        int                 `json:"cards"`         // submitted cards
	Overall      float64             `json:"overall"`       // mean overall recommendation, 1–4 (Lever's scale)
	OverallLevel int                 `json:"overall_level"` // Overall rounded half up, 1–4
	Competencies []CompetencyAverage `json:"competencies"`
}

// CompetencyAverage is one competency's mean score over the submitted cards.
type CompetencyAverage struct {
	Name    string  `json:"name"`
	Average float64 `json:"average"` // 1–4
	Count   int     `json:"count"`
}
