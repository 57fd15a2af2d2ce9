/*
 * bare.c - the floor under bienphong's HTTP numbers: a libmicrohttpd
 * server that answers every request with one fixed response.
 *
 *     bare BODY_FILE [PORT [THREADS]]
 *
 * BODY_FILE holds the body bienphong sent for the request being measured
 * (bench/run.sh captures it with curl first). The response carries the
 * same bytes as bienphong's: the body, Content-Type
 * "application/json; charset=utf-8", Cache-Control and the security
 * headers. The daemon is started with the flags of src/http/server.c
 * (internal polling thread, error log, epoll) and a pool of THREADS
 * threads (default: twice the CPUs, as `bienphong serve`). PORT 0, the
 * default, takes any free port; the port is printed on standard output as
 * "port N" once the daemon listens. What bienphong does above this floor
 * (routing, the session lookup, the database, building the JSON) is what
 * the benchmark's ratio measures.
 *
 * Built by bench/run.sh alone (cc -O2, pkg-config libmicrohttpd); not part
 * of the main build.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#define BODY_MAX (16 * 1024 * 1024)

static struct MHD_Response *response;
static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/*
 * As bienphong: the first call for a request only marks it, a body (none
 * here) is drained, and the response is queued on the last call.
 */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	static int marker;
	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	(void)upload_data;
	if (!*con_cls) {
		*con_cls = &marker;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(conn, MHD_HTTP_OK, response);
}

/* Reads the whole file into a fresh buffer; NULL with errno on failure. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > BODY_MAX) {
				errno = EFBIG;
				goto fail;
			}
			char *p = realloc(data, cap);
			if (!p)
				goto fail;
			data = p;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	*len = n;
	return data;
fail:
	free(data);
	fclose(f);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: bare BODY_FILE [PORT [THREADS]]\n");
		return 2;
	}
	size_t len = 0;
	char *body = read_file(argv[1], &len);
	if (!body) {
		fprintf(stderr, "bare: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	long port = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	long threads = argc > 3 ? strtol(argv[3], NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN) * 2;
	if (port < 0 || port > 65535 || threads < 1 || threads > 256) {
		fprintf(stderr, "bare: bad port or thread count\n");
		return 2;
	}

	/* The headers of bienphong's http_reply_raw and http_secure_headers. */
	response = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(response, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(response, "Cache-Control", "no-store");
	MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(response, "X-Frame-Options", "DENY");
	MHD_add_response_header(response, "Referrer-Policy", "same-origin");
	MHD_add_response_header(response, "Content-Security-Policy",
		"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
		" object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");

	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_EPOLL, 0, NULL, NULL,
		on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bare: cannot listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
		MHD_destroy_response(response);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("port %u\n", di ? di->port : 0);
	fflush(stdout);

	struct sigaction act;
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!stop_flag)
		pause();
	MHD_stop_daemon(d);
	MHD_destroy_response(response);
	return 0;
}
