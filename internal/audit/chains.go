package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"strconv"
	"strings"
	"time"
)

// accountChains is how many chains the records about no log and no administrative
// target (sign-ins and the other security events) are spread over, by actor: every
// sign-in writes one, and one chain would make every server wait on one head.
const accountChains = 8

// ChainOf names the chain e belongs in: its log's ("log:" and the log's ID), so
// that requests on different logs never wait on each other's head; the
// administration's of its municipality ("admin:" and the ID); or one of a few
// chains of accounts, chosen by the actor ("account:0" to "account:7").
func ChainOf(e *Event) string {
	switch {
	case e.LogID != "":
		return "log:" + e.LogID
	case e.TargetType != "" || e.TargetID != "":
		return "admin:" + e.MunicipalityID
	}
	h := fnv.New32a()
	h.Write([]byte(e.ActorID))
	return "account:" + strconv.Itoa(int(h.Sum32()%accountChains))
}

// Head is where one chain ends: its last record's place and hash.
type Head struct {
	Chain string `json:"chain"`
	Seq   int64  `json:"seq"`
	Hash  string `json:"hash"`
}

// Checkpoint is one record of the chain of checkpoints: the heads of every chain
// that moved since the checkpoint before, written every few seconds by one server.
// A chain whose end has been cut off after a checkpoint no longer holds the record
// the checkpoint names, and verifying says so.
type Checkpoint struct {
	Seq      int64
	At       time.Time
	Heads    []Head // sorted by chain
	PrevHash string
	Hash     string
}

// noChain is how the chain "" (the records from before chains) is written in a
// checkpoint.
const noChain = `""`

// EncodeHeads writes heads as stored: one "chain seq hash" line each, the chain ""
// written as two quotes.
func EncodeHeads(heads []Head) string {
	var b strings.Builder
	for _, h := range heads {
		c := h.Chain
		if c == "" {
			c = noChain
		}
		b.WriteString(c + " " + strconv.FormatInt(h.Seq, 10) + " " + h.Hash + "\n")
	}
	return b.String()
}

// DecodeHeads reads what EncodeHeads wrote.
func DecodeHeads(s string) ([]Head, bool) {
	var out []Head
	for line := range strings.Lines(s) {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, false
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return nil, false
		}
		if f[0] == noChain {
			f[0] = ""
		}
		out = append(out, Head{Chain: f[0], Seq: n, Hash: f[2]})
	}
	return out, true
}

// ComputeHash returns the checkpoint's hash chained to prev.
func (c *Checkpoint) ComputeHash(prev string) string {
	h := sha256.New()
	for _, f := range []string{"checkpoint", strconv.FormatInt(c.Seq, 10), c.At.UTC().Format(timeLayout), EncodeHeads(c.Heads), prev} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets the checkpoint's place after (prevSeq, prevHash) and its hash.
func (c *Checkpoint) Seal(prevSeq int64, prevHash string) {
	c.Seq, c.PrevHash = prevSeq+1, prevHash
	c.At = c.At.UTC().Truncate(time.Microsecond)
	c.Hash = c.ComputeHash(prevHash)
}
