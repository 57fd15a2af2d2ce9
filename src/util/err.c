/*
 * err.c - the table of error codes and their messages, and the mapping of
 * error kinds to HTTP statuses. A code is stable once published: scripts
 * match on it. Add new codes at the end of their group.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

struct err_entry {
	const char *code;
	enum bp_err kind;
	const char *vi;
	const char *en;
};

static const struct err_entry err_table[] = {
	/* generic input */
	{ "bad_json", BP_EINVAL, "Dữ liệu gửi lên không phải JSON hợp lệ%s", "The request body is not valid JSON%s" },
	{ "invalid_input", BP_EINVAL, "Dữ liệu không hợp lệ: %s", "Invalid input: %s" },
	{ "field_required", BP_EINVAL, "Thiếu trường bắt buộc %s", "Missing required field %s" },
	{ "field_type", BP_EINVAL, "Trường %s có kiểu không đúng", "Field %s has the wrong type" },
	{ "field_unknown", BP_EINVAL, "Trường %s không được hỗ trợ", "Field %s is not supported" },
	{ "field_too_long", BP_EINVAL, "Trường %s quá dài", "Field %s is too long" },
	{ "field_empty", BP_EINVAL, "Trường %s không được để trống", "Field %s must not be empty" },
	{ "date_invalid", BP_EINVAL, "Ngày %s không hợp lệ (dạng YYYY-MM-DD)", "Date %s is not valid (use YYYY-MM-DD)" },
	{ "id_invalid", BP_EINVAL, "Mã định danh %s không phải UUID hợp lệ", "Identifier %s is not a valid UUID" },
	{ "utf8_invalid", BP_EINVAL, "Văn bản %s không phải UTF-8 hợp lệ", "Text %s is not valid UTF-8" },
	{ "limit_invalid", BP_EINVAL, "Tham số limit phải từ 1 đến 1000", "The limit parameter must be between 1 and 1000" },
	{ "cursor_invalid", BP_EINVAL, "Con trỏ phân trang không hợp lệ", "The pagination cursor is not valid" },
	{ "body_too_large", BP_ETOOLARGE, "Dữ liệu gửi lên quá lớn (tối đa %s)", "The request body is too large (at most %s)" },
	{ "media_type", BP_EMEDIA, "Cần gửi dữ liệu dạng application/json", "The request body must be application/json" },
	{ "id_conflict", BP_ECONFLICT, "Mã định danh %s đã dùng cho bản ghi khác", "Identifier %s is already used by another record" },

	/* routing */
	{ "not_found", BP_ENOTFOUND, "Không tìm thấy%s", "Not found%s" },
	{ "method_not_allowed", BP_EMETHOD, "Phương thức không được hỗ trợ cho địa chỉ này%s", "Method not allowed for this address%s" },

	/* authentication and access */
	{ "auth_required", BP_EAUTH, "Cần đăng nhập%s", "Login required%s" },
	{ "login_failed", BP_EAUTH, "Sai tên đăng nhập hoặc mật khẩu%s", "Wrong username or password%s" },
	{ "login_throttled", BP_ETHROTTLED, "Đăng nhập sai quá nhiều lần, thử lại sau %s giây", "Too many failed logins, try again in %s seconds" },
	{ "session_expired", BP_EAUTH, "Phiên làm việc đã hết hạn, cần đăng nhập lại%s", "The session has expired, please log in again%s" },
	{ "forbidden", BP_EFORBIDDEN, "Không có quyền thực hiện thao tác này%s", "You are not allowed to do this%s" },
	{ "out_of_scope", BP_EFORBIDDEN, "Đơn vị nằm ngoài phạm vi quản lý của bạn%s", "The unit is outside your scope%s" },
	{ "role_insufficient", BP_EFORBIDDEN, "Vai trò của bạn không đủ quyền%s", "Your role does not allow this%s" },

	/* users */
	{ "username_invalid", BP_EINVAL, "Tên đăng nhập phải gồm 3-64 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch ngang%s", "A username is 3-64 characters of a-z, 0-9, dot, underscore or hyphen%s" },
	{ "username_taken", BP_ECONFLICT, "Tên đăng nhập %s đã tồn tại", "Username %s is taken" },
	{ "password_weak", BP_EINVAL, "Mật khẩu phải có ít nhất 8 ký tự%s", "A password needs at least 8 characters%s" },
	{ "password_too_long", BP_EINVAL, "Mật khẩu quá dài (tối đa 256 byte)%s", "The password is too long (at most 256 bytes)%s" },
	{ "role_invalid", BP_EINVAL, "Vai trò %s không hợp lệ (viewer, editor, unit_admin, admin)", "Role %s is not valid (viewer, editor, unit_admin, admin)" },
	{ "user_not_found", BP_ENOTFOUND, "Không tìm thấy người dùng %s", "No such user %s" },
	{ "user_disabled", BP_EAUTH, "Tài khoản đã bị khóa%s", "The account is disabled%s" },
	{ "password_wrong", BP_EINVAL, "Mật khẩu hiện tại không đúng%s", "The current password is wrong%s" },

	/* units */
	{ "unit_not_found", BP_ENOTFOUND, "Không tìm thấy đơn vị %s", "No such unit %s" },
	{ "unit_kind_invalid", BP_EINVAL, "Loại đơn vị %s không hợp lệ", "Unit kind %s is not valid" },
	{ "unit_code_invalid", BP_EINVAL, "Mã đơn vị phải gồm 1-64 ký tự A-Z, 0-9, dấu gạch ngang hoặc gạch dưới%s", "A unit code is 1-64 characters of A-Z, 0-9, hyphen or underscore%s" },
	{ "unit_code_taken", BP_ECONFLICT, "Mã đơn vị %s đã tồn tại", "Unit code %s is taken" },
	{ "unit_parent_kind", BP_EINVAL, "Đơn vị loại này không thể trực thuộc đơn vị loại %s", "A unit of this kind cannot stand under a unit of kind %s" },
	{ "unit_cycle", BP_EINVAL, "Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó%s", "A unit cannot stand under itself or one of its own descendants%s" },
	{ "unit_not_valid_at", BP_EINVAL, "Đơn vị %s không tồn tại vào ngày đó", "Unit %s does not exist on that date" },
	{ "unit_retired", BP_ECONFLICT, "Đơn vị %s đã giải thể hoặc sáp nhập", "Unit %s has been dissolved or merged" },
	{ "unit_move_same", BP_EINVAL, "Đơn vị đã trực thuộc đơn vị đó%s", "The unit already stands under that parent%s" },
	{ "unit_future_change", BP_ECONFLICT, "Đơn vị %s đã có thay đổi trực thuộc sau ngày này", "Unit %s already has a change of parent after that date" },
	{ "unit_merge_self", BP_EINVAL, "Không thể sáp nhập đơn vị vào chính nó%s", "A unit cannot be merged into itself%s" },
	{ "unit_merge_sources", BP_EINVAL, "Cần ít nhất một đơn vị được sáp nhập%s", "A merge needs at least one unit to merge%s" },
	{ "unit_split_targets", BP_EINVAL, "Chia tách cần ít nhất hai đơn vị mới%s", "A split needs at least two resulting units%s" },
	{ "unit_split_child", BP_EINVAL, "Chưa chỉ định đơn vị tiếp nhận cho đơn vị cấp dưới %s", "No receiving unit is given for child unit %s" },
	{ "unit_has_children", BP_ECONFLICT, "Đơn vị còn đơn vị trực thuộc (%s): chuyển hoặc sáp nhập chúng trước", "The unit still has units under it (%s): move or merge them first" },
	{ "unit_not_post", BP_EINVAL, "Đơn vị %s không phải đồn Biên phòng", "Unit %s is not a border post" },
	{ "unit_not_commune", BP_EINVAL, "Đơn vị %s không phải xã, phường", "Unit %s is not a commune or ward" },
	{ "unit_link_overlap", BP_ECONFLICT, "Đồn đã phụ trách xã %s trong khoảng thời gian này", "The post is already responsible for commune %s in that period" },
	{ "date_range", BP_EINVAL, "Ngày kết thúc phải sau ngày bắt đầu%s", "The end date must come after the start date%s" },

	/* server */
	{ "internal", BP_EINTERNAL, "Lỗi hệ thống%s", "Internal error%s" },
	{ "db_error", BP_EINTERNAL, "Lỗi cơ sở dữ liệu: %s", "Database error: %s" },
	{ "db_unavailable", BP_EUNAVAILABLE, "Cơ sở dữ liệu tạm thời không truy cập được%s", "The database is unavailable for now%s" },
	{ "db_busy", BP_EUNAVAILABLE, "Cơ sở dữ liệu đang bận, thử lại sau%s", "The database is busy, try again%s" },
	{ "db_url_invalid", BP_EINVAL, "Địa chỉ cơ sở dữ liệu %s không hợp lệ (sqlite:FILE hoặc postgresql://...)", "Database address %s is not valid (sqlite:FILE or postgresql://...)" },
	{ "backup_unsupported", BP_EINVAL, "Cơ sở dữ liệu %s sao lưu bằng công cụ riêng (pg_dump), xem docs/operations.md", "Back up a %s database with its own tools (pg_dump), see docs/operations.md" },
	{ "backup_file", BP_EINVAL, "Không dùng được tệp sao lưu %s", "Cannot use the backup file %s" },
	{ "copy_conflict", BP_ECONFLICT, "Không thể sao chép: %s trùng với bản ghi khác đã có ở đích", "Cannot copy: %s clashes with a different record in the target" },
	{ "copy_schema", BP_EINVAL, "Hai cơ sở dữ liệu khác phiên bản lược đồ (%s)", "The two databases have different schema versions (%s)" },
	{ "db_schema_newer", BP_EINTERNAL, "Cơ sở dữ liệu có phiên bản lược đồ mới hơn chương trình (%s)", "The database schema is newer than this program (%s)" },
};

static const struct err_entry *err_lookup(const char *code)
{
	for (size_t i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++)
		if (!strcmp(err_table[i].code, code))
			return &err_table[i];
	return NULL;
}

enum bp_err err_kind_of(const char *code)
{
	const struct err_entry *ent = err_lookup(code);
	return ent ? ent->kind : BP_EINTERNAL;
}

static void copy_str(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/*
 * The table's messages hold at most one %s and are formatted with it; the
 * format strings are ours, never the user's, hence the pragma.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
enum bp_err err_set(struct bp_error *e, const char *code, const char *detail)
{
	const struct err_entry *ent = err_lookup(code);
	if (!ent)
		ent = err_lookup("internal");
	if (!e)
		return ent->kind;
	e->kind = ent->kind;
	copy_str(e->code, sizeof(e->code), ent->code);
	e->field[0] = '\0';
	const char *d = detail ? detail : "";
	snprintf(e->message_vi, sizeof(e->message_vi), ent->vi, d);
	snprintf(e->message_en, sizeof(e->message_en), ent->en, d);
	return ent->kind;
}
#pragma GCC diagnostic pop

enum bp_err err_field(struct bp_error *e, const char *code, const char *field)
{
	/* A message names the field where its %s stands as a word of its own
	 * ("Thiếu trường bắt buộc %s"); where %s follows the text directly it
	 * is a slot for a detail, which a field name is not. */
	const struct err_entry *ent = err_lookup(code);
	const char *slot = ent ? strstr(ent->vi, "%s") : NULL;
	bool names_field = slot && (slot == ent->vi || slot[-1] == ' ');
	char quoted[96];
	snprintf(quoted, sizeof(quoted), "“%s”", field ? field : "");
	enum bp_err k = err_set(e, code, names_field ? quoted : NULL);
	if (e)
		copy_str(e->field, sizeof(e->field), field);
	return k;
}

enum bp_err err_raw(struct bp_error *e, enum bp_err kind, const char *code,
		    const char *vi, const char *en)
{
	if (!e)
		return kind;
	e->kind = kind;
	copy_str(e->code, sizeof(e->code), code);
	e->field[0] = '\0';
	copy_str(e->message_vi, sizeof(e->message_vi), vi);
	copy_str(e->message_en, sizeof(e->message_en), en);
	return kind;
}

void err_clear(struct bp_error *e)
{
	if (!e)
		return;
	e->kind = BP_OK;
	e->code[0] = e->field[0] = '\0';
	e->message_vi[0] = e->message_en[0] = '\0';
}

int err_http_status(enum bp_err kind)
{
	switch (kind) {
	case BP_OK: return 200;
	case BP_EINVAL: return 400;
	case BP_EAUTH: return 401;
	case BP_EFORBIDDEN: return 403;
	case BP_ENOTFOUND: return 404;
	case BP_EMETHOD: return 405;
	case BP_ECONFLICT: return 409;
	case BP_ETOOLARGE: return 413;
	case BP_EMEDIA: return 415;
	case BP_ETHROTTLED: return 429;
	case BP_EUNAVAILABLE: return 503;
	case BP_EINTERNAL: return 500;
	}
	return 500;
}
