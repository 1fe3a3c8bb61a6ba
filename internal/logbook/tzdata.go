package logbook

// The zone database is embedded here, in the package that computes every Oslo date,
// so that the server and every test or tool that uses these dates get the same
// Europe/Oslo rules whatever the host has in /usr/share/zoneinfo (a distroless or
// scratch container has none). It adds some 450 kB to a binary.
import _ "time/tzdata"
