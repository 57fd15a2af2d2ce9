/*
 * static.c - the web UI's files from cfg->web_root.
 *
 * Only plain paths are served: no "..", no hidden files or folders, no
 * backslashes or NUL; and the resolved file must still lie inside the web
 * root (a link pointing out of it is refused). Text is sent with
 * charset=utf-8, without which browsers show Vietnamese as mojibake.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"

static const struct {
	const char *ext;
	const char *type;
} mime_types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".map", "application/json; charset=utf-8" },
};

static const char *mime_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof(mime_types) / sizeof(mime_types[0]); i++)
			if (!strcmp(dot, mime_types[i].ext))
				return mime_types[i].type;
	return "application/octet-stream";
}

static bool path_plain(const char *p)
{
	if (*p != '/' || strchr(p, '\\'))
		return false;
	for (const char *s = p; *s; s++) {
		if (*s == '/' && s[1] == '.')
			return false; /* "..", ".git", ".env" */
		if ((unsigned char)*s < 0x20)
			return false;
	}
	return true;
}

bool http_static(struct req *r)
{
	const char *root = r->cfg->web_root;
	if (!root)
		return false;
	const char *url = r->url;
	if (!path_plain(url)) {
		http_reply_code(r, "not_found", NULL);
		return true;
	}
	char path[PATH_MAX], real[PATH_MAX], real_root[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s%s%s", root, url,
			 url[strlen(url) - 1] == '/' ? "index.html" : "");
	if (n < 0 || (size_t)n >= sizeof(path) || !realpath(root, real_root) || !realpath(path, real)) {
		http_reply_code(r, "not_found", NULL);
		return true;
	}
	size_t rl = strlen(real_root);
	if (strncmp(real, real_root, rl) || (real[rl] != '/' && real[rl] != '\0')) {
		http_reply_code(r, "not_found", NULL);
		return true;
	}
	int fd = open(real, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		http_reply_code(r, "not_found", NULL);
		return true;
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	MHD_add_response_header(resp, "Content-Type", mime_of(real));
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	r->bytes = (size_t)st.st_size;
	http_respond(r, MHD_HTTP_OK, resp);
	return true;
}
