package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"stafett/internal/auth"
)

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stdout)
	cfg, err := loadConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "stafett: %s database is up to date\n", db.Dialect())
	return nil
}

// runAdmin handles "admin create": a system administrator whose password is read
// from the first line of stdin, so it never appears in the process list or history.
func runAdmin(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: stafett admin create --email E --name N  (password on stdin)")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "e-mail address (required)")
	name := fs.String("name", "Systemadministrator", "full name")
	cfg, err := loadConfig(fs, args[1:], getenv)
	if err != nil {
		return err
	}
	if *email == "" {
		return errors.New("admin create: --email is required")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("admin create: read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := createAdmin(ctx, db, auth.NewHasher(auth.OWASP), *email, *name, password); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "stafett: system administrator %s created\n", strings.ToLower(*email))
	return nil
}
