/*
 * startup.c - two small helpers for bench/run.sh that the shell cannot do
 * precisely.
 *
 *     startup port
 *         prints a free TCP port on 127.0.0.1 (bound, then released).
 *     startup time PORT COMMAND [ARG...]
 *         starts COMMAND, asks GET /api/health on 127.0.0.1:PORT every
 *         0.2 ms until the answer is 200, prints the milliseconds from the
 *         fork to that answer, then stops COMMAND with SIGTERM and waits
 *         for it; when COMMAND is still running two seconds after the
 *         signal, " missed-sigterm" follows the figure. Fails when COMMAND
 *         exits first or gives no answer in 10 seconds.
 *
 * A curl loop in the shell would measure curl's own start-up (several
 * milliseconds a try) more than the server's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 10000.0

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void loopback(struct sockaddr_in *sa, int port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static int free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	loopback(&sa, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		perror("startup: port");
		return 1;
	}
	printf("%d\n", ntohs(sa.sin_port));
	close(fd);
	return 0;
}

/* True when GET /api/health on the port answers 200. */
static int health_ok(int port)
{
	static const char req[] = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	struct sockaddr_in sa;
	char buf[64];
	size_t got = 0;
	int ok = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	loopback(&sa, port);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    write(fd, req, sizeof(req) - 1) != (ssize_t)(sizeof(req) - 1))
		goto out;
	while (got < 12) {
		ssize_t n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			goto out;
		got += (size_t)n;
	}
	buf[got] = '\0';
	ok = !strncmp(buf, "HTTP/1.", 7) && !strncmp(buf + 9, "200", 3);
out:
	close(fd);
	return ok;
}

/* True when pid has exited within ms milliseconds (reaped). */
static int exited_within(pid_t pid, double ms)
{
	int status;
	double t0 = now_ms();
	do {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 1;
		struct timespec nap = { 0, 1000000 };
		nanosleep(&nap, NULL);
	} while (now_ms() - t0 < ms);
	return 0;
}

/*
 * Stops the command with SIGTERM. A server that is still there two seconds
 * later has lost the signal: it gets a second SIGTERM, then SIGKILL, and
 * the miss is reported (1).
 */
static int stop_child(pid_t pid)
{
	kill(pid, SIGTERM);
	if (exited_within(pid, 2000))
		return 0;
	kill(pid, SIGTERM);
	if (!exited_within(pid, 2000)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return 1;
}

static int time_start(int port, char **argv)
{
	double t0 = now_ms(), ms = -1;
	pid_t pid = fork();
	if (pid < 0) {
		perror("startup: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		perror("startup: exec");
		_exit(127);
	}
	int status = 0;
	while (now_ms() - t0 < TIMEOUT_MS) {
		if (health_ok(port)) {
			ms = now_ms() - t0;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			fprintf(stderr, "startup: %s exited before answering\n", argv[0]);
			return 1;
		}
		struct timespec nap = { 0, 200000 };
		nanosleep(&nap, NULL);
	}
	int missed = stop_child(pid);
	if (ms < 0) {
		fprintf(stderr, "startup: no answer from port %d in %.0f ms\n", port, TIMEOUT_MS);
		return 1;
	}
	printf(missed ? "%.2f missed-sigterm\n" : "%.2f\n", ms);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "port"))
		return free_port();
	if (argc >= 4 && !strcmp(argv[1], "time"))
		return time_start(atoi(argv[2]), argv + 3);
	fprintf(stderr, "usage: startup port | startup time PORT COMMAND [ARG...]\n");
	return 2;
}
