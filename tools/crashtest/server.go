package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// server is one stafett server process at a time on one database.
type server struct {
	bin, dsn, dir string
	cmd           *exec.Cmd
	exited        chan error // receives the process's exit once
	base          string     // http://127.0.0.1:PORT of the running process
	starts        int
}

// build compiles ./cmd/stafett into dir.
func build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "stafett")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "stafett/cmd/stafett")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build stafett/cmd/stafett (run crashtest inside the module): %w", err)
	}
	return bin, nil
}

// env is the environment of the server and its commands: ours without any STAFETT_
// setting, so that nothing from the shell (an admin to create, an identity provider,
// limits) changes what is tested.
func env() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "STAFETT_") {
			out = append(out, kv)
		}
	}
	return out
}

// start runs `stafett serve --demo` on a free loopback port and waits until it
// listens. --demo fills an empty database with the demo municipality and leaves one
// with data as it is.
func (s *server) start(ctx context.Context) error {
	s.starts++
	logf, err := os.OpenFile(filepath.Join(s.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	fmt.Fprintf(logf, "--- crashtest: start %d at %s\n", s.starts, time.Now().Format(time.RFC3339Nano))
	cmd := exec.Command(s.bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--database", s.dsn)
	cmd.Env = env()
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		logf.Close()
		return err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start %s: %w", s.bin, err)
	}
	addr := make(chan string, 1)
	var tail tailBuffer
	done := make(chan struct{})
	go func() {
		// Reads the server's output to its end, so that it never blocks on a full pipe.
		defer close(done)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			tail.add(line)
			if a, ok := strings.CutPrefix(line, "stafett: listening on "); ok {
				select {
				case addr <- a:
				default:
				}
			}
		}
	}()
	s.cmd, s.exited = cmd, make(chan error, 1)
	go func() {
		<-done
		s.exited <- cmd.Wait()
		logf.Close()
	}()
	timer := time.NewTimer(2 * time.Minute)
	defer timer.Stop()
	select {
	case a := <-addr:
		s.base = a
		return nil
	case err := <-s.exited:
		s.exited <- err
		s.cmd = nil
		return fmt.Errorf("the server stopped before it listened (%v):\n%s", err, tail.String())
	case <-timer.C:
		s.kill()
		return fmt.Errorf("the server did not listen within 2 minutes:\n%s", tail.String())
	case <-ctx.Done():
		s.kill()
		return ctx.Err()
	}
}

// kill sends SIGKILL and waits until the process is gone. It does nothing when no
// server runs.
func (s *server) kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// auditVerify runs `stafett audit verify` on the database and returns its output.
func (s *server) auditVerify(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, s.bin, "audit", "verify", "--database", s.dsn)
	cmd.Env = env()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// tailBuffer keeps the last lines of the server's output for an error message.
type tailBuffer struct {
	lines []string
}

func (t *tailBuffer) add(line string) {
	t.lines = append(t.lines, line)
	if len(t.lines) > 20 {
		t.lines = t.lines[1:]
	}
}

func (t *tailBuffer) String() string {
	var b bytes.Buffer
	for _, l := range t.lines {
		io.WriteString(&b, "  "+l+"\n")
	}
	if b.Len() == 0 {
		return "  (no output)\n"
	}
	return b.String()
}
