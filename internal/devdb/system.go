package devdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pg runs a PostgreSQL program; as root it runs it as the postgres user,
// because initdb and postgres refuse to run as root.
func (c *Cluster) pg(ctx context.Context, prog string, args ...string) error {
	path := filepath.Join(c.BinDir, prog)
	var cmd *exec.Cmd
	if os.Geteuid() == 0 {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// pg_ctl start leaves the server running with our pipes otherwise.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("devdb: %s: %w\n%s", prog, err, strings.TrimSpace(out.String()))
	}
	return nil
}

func (c *Cluster) chownForPostgres(dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("devdb: running as root needs a postgres user (install Debian's postgresql package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return fmt.Errorf("devdb: %w", err)
	}
	return nil
}

// letPostgresIn makes sure the postgres user can reach the cluster folder
// when we run as root: a checkout under a private home folder (mode 700)
// would otherwise stop initdb. It adds only the traverse bit (o+x) to the
// folders on the way that lack it.
func (c *Cluster) letPostgresIn(ctx context.Context) error {
	if os.Geteuid() != 0 {
		return nil
	}
	if exec.CommandContext(ctx, "runuser", "-u", "postgres", "--", "test", "-w", c.Dir).Run() == nil {
		return nil
	}
	for dir := filepath.Dir(c.Dir); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("devdb: %w", err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			c.Log("letting the postgres user traverse %s (chmod o+x)", dir)
			if err := os.Chmod(dir, fi.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("devdb: %w", err)
			}
		}
		if dir == filepath.Dir(dir) {
			return nil
		}
	}
}

// findBinDir finds the newest /usr/lib/postgresql/*/bin (or PG_BIN), and
// installs Debian's postgresql package when there is none.
func findBinDir(logf func(string, ...any)) (string, error) {
	if dir := os.Getenv("PG_BIN"); dir != "" {
		return dir, nil
	}
	if dir := newestBinDir(); dir != "" {
		return dir, nil
	}
	if os.Geteuid() != 0 {
		return "", errors.New("devdb: no PostgreSQL found under /usr/lib/postgresql: install the postgresql package or set DATABASE_URL")
	}
	logf("installing Debian's postgresql package")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "postgresql"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("devdb: apt-get %s: %w\n%s", args[0], err, out)
		}
	}
	if dir := newestBinDir(); dir != "" {
		return dir, nil
	}
	return "", errors.New("devdb: postgresql installed but no initdb found")
}

func newestBinDir() string {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(matches, func(i, j int) bool { return versionOf(matches[i]) > versionOf(matches[j]) })
	if len(matches) == 0 {
		return ""
	}
	return filepath.Dir(matches[0])
}

func versionOf(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("devdb: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("devdb: lock: %w", err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
