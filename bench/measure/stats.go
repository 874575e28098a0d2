package measure

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Stats summarise a sample of measurements.
type Stats struct {
	// N is the number of measurements.
	N int
	// Median is the middle measurement (the mean of the two middle ones for
	// an even N).
	Median float64
	// P99 is the 99th percentile by the nearest-rank method: the smallest
	// measurement that at least 99% of the sample do not exceed.
	P99 float64
	// Mean is the arithmetic mean.
	Mean float64
	// Min and Max are the extremes.
	Min, Max float64
}

// Summarize returns the statistics of xs; all zero for an empty sample.
func Summarize(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	st := Stats{N: len(s), Min: s[0], Max: s[len(s)-1], P99: Percentile(s, 99)}
	if n := len(s); n%2 == 1 {
		st.Median = s[n/2]
	} else {
		st.Median = (s[n/2-1] + s[n/2]) / 2
	}
	var sum float64
	for _, x := range s {
		sum += x
	}
	st.Mean = sum / float64(len(s))
	return st
}

// Percentile returns the p-th percentile (0 < p <= 100) of the sorted
// sample s by the nearest-rank method; 0 for an empty sample.
func Percentile(s []float64, p float64) float64 {
	if len(s) == 0 {
		return 0
	}
	// The epsilon keeps 99.9% of 1000 at rank 999 despite rounding.
	rank := int(math.Ceil(p*float64(len(s))/100 - 1e-9))
	return s[min(max(rank, 1), len(s))-1]
}

// Seconds converts durations into seconds, for Summarize.
func Seconds(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}

// ParseSizes parses a comma-separated list of positive integers, such as
// "100,1000,10000"; "10k" means 10000.
func ParseSizes(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		p := strings.TrimSpace(part)
		mult := 1
		if rest, ok := strings.CutSuffix(strings.ToLower(p), "k"); ok {
			p, mult = rest, 1000
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("invalid size %q in %q: want positive integers such as 100,1000,10k", strings.TrimSpace(part), s)
		}
		out = append(out, n*mult)
	}
	return out, nil
}
