package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable prints the report as a table: one line per op, the bare baseline
// first, each op's throughput also as a share of the baseline's.
func (r *Report) WriteTable(w io.Writer) {
	s := r.Scale
	fmt.Fprintf(w, "\n%s: %d logs, %d entries, %d users in %d municipalities (%d audit records), generated in %.1f s\n",
		s.Database, s.Logs, s.Entries, s.Users, s.Municipalities, s.Audit, s.GenS)
	fmt.Fprintf(w, "closed loop: %d virtual users, %.0f s per op, %d CPUs shared by server and load\n\n",
		s.Concurrency, s.DurationS, s.CPUs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\trps\tof bare\tp50 ms\tp95 ms\tp99 ms\terrors\twrites/commit\t")
	line := func(o OpResult, ratio string) {
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%.2f\t%.2f\t%.2f\t%d\t%.1f\t\n", o.Name, o.RPS, ratio, o.P50, o.P95, o.P99, o.Errors, o.WritesPerCommit)
	}
	line(r.Bare, "1.000")
	for _, o := range r.Ops {
		line(o, fmt.Sprintf("%.3f", o.BareRatio))
	}
	tw.Flush()
	fmt.Fprintf(w, "\npeak RSS during the load: %.0f MiB\n", r.PeakRSSMB)
	for _, o := range append([]OpResult{r.Bare}, r.Ops...) {
		if o.Errors > 0 {
			fmt.Fprintf(w, "%s: %d errors; the first: %s\n", o.Name, o.Errors, o.FirstError)
		}
	}
}
