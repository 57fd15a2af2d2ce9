/*
 * cmd_serve.c - `bienphong serve`: the web server and API.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "http/http.h"

/* The web UI's folder: --web, BIENPHONG_WEB, ./web, or beside the program. */
static const char *find_web_root(const char *opt, char *buf, size_t size)
{
	if (opt)
		return opt;
	const char *env = getenv("BIENPHONG_WEB");
	if (env && *env)
		return env;
	if (access("web/index.html", R_OK) == 0)
		return "web";
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			const char *tries[] = { "%s/../web", "%s/../../web", "%s/../share/bienphong/web" };
			for (size_t i = 0; i < 3; i++) {
				char idx[PATH_MAX + 64];
				snprintf(buf, size, tries[i], exe);
				snprintf(idx, sizeof(idx), "%s/index.html", buf);
				if (access(idx, R_OK) == 0)
					return buf;
			}
		}
	}
	return NULL;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "body-max", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "cookie-secure", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *web = NULL;
	const char *listen = getenv("BIENPHONG_LISTEN");
	struct http_config cfg = { 0 };
	long threads = sysconf(_SC_NPROCESSORS_ONLN) * 2;
	cfg.body_max = HTTP_BODY_MAX_DEFAULT;
	long timeout = HTTP_TIMEOUT_DEFAULT;
	const char *secure = getenv("BIENPHONG_COOKIE_SECURE");
	cfg.cookie_secure = secure && !strcmp(secure, "1");
	int o;
	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'l': listen = optarg; break;
		case 'w': web = optarg; break;
		case 't': threads = strtol(optarg, NULL, 10); break;
		case 'b': cfg.body_max = (size_t)strtoull(optarg, NULL, 10); break;
		case 'T': {
			char *end = NULL;
			timeout = strtol(optarg, &end, 10);
			if (end == optarg || *end)
				timeout = -1;
			break;
		}
		case 'q': cfg.quiet = true; break;
		case 's': cfg.cookie_secure = true; break;
		default: return cli_usage("serve");
		}
	}
	if (optind < argc || threads < 1 || threads > 256 || cfg.body_max < 1024 || timeout < 0 ||
	    timeout > 86400)
		return cli_usage("serve");
	cfg.timeout = (unsigned)timeout;
	cfg.threads = (unsigned)threads;
	cfg.listen = listen && *listen ? listen : "127.0.0.1:8080";
	cfg.db_url = cli_db_url(db);
	char web_buf[PATH_MAX];
	cfg.web_root = find_web_root(web, web_buf, sizeof(web_buf));
	if (!cfg.web_root)
		fprintf(stderr, "bienphong: no web/ folder found; serving the API only (--web DIR)\n");
	struct ctx c;
	int rc = cli_open(cfg.db_url, false, &c);
	if (rc)
		return rc;
	cli_close(&c);
	return http_serve(&cfg);
}
