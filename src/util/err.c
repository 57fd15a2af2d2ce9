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

	/* file formats */
	{ "import_too_large", BP_ETOOLARGE, "Tệp quá lớn để nhập (tối đa %s; đặt BIENPHONG_IMPORT_MAX để đổi)", "The file is too large to import (at most %s; set BIENPHONG_IMPORT_MAX to change it)" },
	{ "format_unknown", BP_EINVAL, "Không nhận ra định dạng tệp %s (geojson, kml, gpx, csv)", "Unknown file format %s (geojson, kml, gpx, csv)" },
	{ "format_layer", BP_EINVAL, "Định dạng %s không dùng được cho lớp này", "Format %s cannot be used for this layer" },
	{ "layer_unknown", BP_EINVAL, "Lớp dữ liệu %s không hợp lệ (markers, segments, gates, roads)", "Layer %s is not valid (markers, segments, gates, roads)" },
	{ "file_unreadable", BP_EINVAL, "Không đọc được tệp %s", "Cannot read the file %s" },
	{ "file_unwritable", BP_EINVAL, "Không ghi được tệp %s", "Cannot write the file %s" },
	{ "file_empty", BP_EINVAL, "Tệp rỗng, không có dữ liệu%s", "The file is empty%s" },
	{ "multipart_invalid", BP_EINVAL, "Dữ liệu multipart/form-data không hợp lệ hoặc không có tệp%s", "The multipart/form-data body is not valid or holds no file%s" },
	{ "geojson_invalid", BP_EINVAL, "Tệp không phải GeoJSON hợp lệ: %s", "The file is not valid GeoJSON: %s" },
	{ "geojson_type", BP_EINVAL, "Đối tượng GeoJSON không hợp lệ: %s", "Not a valid GeoJSON object: %s" },
	{ "xml_invalid", BP_EINVAL, "Tệp không phải XML hợp lệ: %s", "The file is not valid XML: %s" },
	{ "xml_entity", BP_EINVAL, "Tệp XML khai báo thực thể (ENTITY) hoặc tham chiếu tệp ngoài, bị từ chối vì lý do an toàn%s", "The XML file declares entities or refers to external files, refused for safety%s" },
	{ "xml_root", BP_EINVAL, "Tệp không phải %s", "The file is not %s" },
	{ "geom_unsupported", BP_EINVAL, "Kiểu hình học %s không được hỗ trợ (chỉ điểm và đường)", "Geometry type %s is not supported (points and lines only)" },
	{ "geom_empty", BP_EINVAL, "Đối tượng không có hình học hoặc hình học rỗng%s", "The feature has no geometry or an empty one%s" },
	{ "geom_line_short", BP_EINVAL, "Đường chưa khép đủ: cần ít nhất hai điểm%s", "The line is incomplete: it needs at least two positions%s" },
	{ "coord_invalid", BP_EINVAL, "Tọa độ không hợp lệ: %s", "Invalid coordinates: %s" },
	{ "property_type", BP_EINVAL, "Thuộc tính %s phải là chuỗi, số, đúng/sai hoặc null", "Property %s must be a string, a number, a boolean or null" },
	{ "csv_columns", BP_EINVAL, "Số cột không khớp với dòng tiêu đề: %s", "The number of columns does not match the header: %s" },
	{ "csv_column_unknown", BP_EINVAL, "Cột %s không được hỗ trợ ở lớp này", "Column %s is not supported for this layer" },
	{ "csv_column_missing", BP_EINVAL, "Thiếu cột bắt buộc %s", "Missing required column %s" },
	{ "csv_column_twice", BP_EINVAL, "Cột %s xuất hiện hai lần", "Column %s appears twice" },
	{ "csv_quote", BP_EINVAL, "Dấu ngoặc kép chưa đóng hoặc đặt sai chỗ%s", "A quote is not closed or is misplaced%s" },
	{ "csv_encoding", BP_EINVAL, "Tệp CSV không phải UTF-8%s; có thể là Windows-1258 hoặc TCVN3 từ Excel cũ: hãy lưu lại với kiểu \"CSV UTF-8\"", "The CSV file is not UTF-8%s; it may be Windows-1258 or TCVN3 from old Excel: save it again as \"CSV UTF-8\"" },
	{ "import_rejected", BP_EINVAL, "Tệp có %s lỗi, không nhập dữ liệu nào", "The file has %s problem(s); nothing was imported" },
	{ "bbox_invalid", BP_EINVAL, "Khung bản đồ không hợp lệ%s: cần tây,nam,đông,bắc theo độ WGS84, tây < đông, nam < bắc", "The bounding box is not valid%s: give west,south,east,north in WGS84 degrees, west < east, south < north" },

	/* border registry */
	{ "border_invalid", BP_EINVAL, "Tuyến biên giới %s không hợp lệ (VN-CN, VN-LA, VN-KH)", "Border %s is not valid (VN-CN, VN-LA, VN-KH)" },
	{ "enum_invalid", BP_EINVAL, "Trường %s có giá trị không nằm trong danh sách cho phép", "Field %s has a value that is not one of the allowed ones" },
	{ "number_invalid", BP_EINVAL, "Trường %s phải là một số trong khoảng cho phép", "Field %s must be a number within the allowed range" },
	{ "date_future", BP_EINVAL, "Ngày %s ở tương lai", "Date %s is in the future" },
	{ "marker_number_invalid", BP_EINVAL, "Số hiệu mốc %s không hợp lệ (ví dụ 1116, 1116/1, 1028/2)", "Marker number %s is not valid (e.g. 1116, 1116/1, 1028/2)" },
	{ "marker_number_taken", BP_ECONFLICT, "Mốc số %s đã có trên tuyến biên giới này", "Marker %s already exists on this border" },
	{ "marker_not_found", BP_ENOTFOUND, "Không tìm thấy mốc %s", "No such marker %s" },
	{ "marker_condition_patch", BP_EINVAL, "Tình trạng mốc được ghi qua POST /api/markers/{id}/condition để lưu lịch sử%s", "A marker's condition is recorded with POST /api/markers/{id}/condition, which keeps its history%s" },
	{ "segment_not_found", BP_ENOTFOUND, "Không tìm thấy đoạn biên giới %s", "No such border segment %s" },
	{ "segment_marker_border", BP_EINVAL, "Mốc %s không thuộc tuyến biên giới của đoạn", "Marker %s does not stand on the segment's border" },
	{ "segment_same_marker", BP_EINVAL, "Đoạn biên giới phải nối hai mốc khác nhau%s", "A border segment joins two different markers%s" },
	{ "gate_not_found", BP_ENOTFOUND, "Không tìm thấy cửa khẩu %s", "No such border gate %s" },
	{ "road_not_found", BP_ENOTFOUND, "Không tìm thấy đường %s", "No such road %s" },
	{ "coord_outside_region", BP_EINVAL, "Tọa độ %s nằm ngoài vùng được cấu hình (BIENPHONG_REGION)", "Coordinates %s lie outside the configured region (BIENPHONG_REGION)" },
	{ "coord_swapped", BP_EINVAL, "Tọa độ %s có vẻ bị đảo vĩ độ và kinh độ: viết [kinh độ, vĩ độ]", "Coordinates %s look like latitude and longitude swapped: write [lon, lat]" },
	{ "geometry_invalid", BP_EINVAL, "Hình học %s phải là LineString: mảng các cặp [kinh độ, vĩ độ]", "Geometry %s must be a LineString: an array of [lon, lat] pairs" },
	{ "line_degenerate", BP_EINVAL, "Các điểm của đường trùng nhau cả%s", "All the positions of the line are the same%s" },
	{ "line_too_many_points", BP_EINVAL, "Đường có quá nhiều điểm (tối đa %s)", "The line has too many positions (at most %s)" },
	{ "geometry_layer", BP_EINVAL, "Hình học không hợp với lớp %s (mốc, cửa khẩu: điểm; đoạn biên giới, đường: đường)", "The geometry does not suit layer %s (markers, gates: points; segments, roads: lines)" },
	{ "layers_invalid", BP_EINVAL, "Danh sách lớp %s không hợp lệ (markers, segments, gates, roads)", "Layer list %s is not valid (markers, segments, gates, roads)" },

	/* border registry: imports recorded by their file, deletes, the map's settings */
	{ "import_duplicate", BP_ECONFLICT, "Tệp này (cùng nội dung) đã được nhập trước đây%s; không nhập lại để số liệu không bị trùng", "This file (the same content) was imported before%s; it is not imported again, so nothing is counted twice" },
	/* people's participation: the catalog, activities, their files (catalog.c, activities.c, activity_*.c) */
	{ "catalog_code_invalid", BP_EINVAL, "Mã %s không hợp lệ: 1-64 ký tự a-z, 0-9 hoặc gạch dưới, bắt đầu bằng chữ cái", "Code %s is not valid: 1-64 characters of a-z, 0-9 or underscore, starting with a letter" },
	{ "indicator_code_reserved", BP_EINVAL, "Mã chỉ tiêu %s trùng tên một cột của tệp hoạt động", "Indicator code %s is the name of a column of the activity file" },
	{ "indicator_code_taken", BP_ECONFLICT, "Mã chỉ tiêu %s đã tồn tại", "Indicator code %s is taken" },
	{ "indicator_not_found", BP_ENOTFOUND, "Không tìm thấy chỉ tiêu %s", "No such indicator %s" },
	{ "indicator_unknown", BP_EINVAL, "Không có chỉ tiêu %s trong danh mục", "There is no indicator %s in the catalog" },
	{ "indicator_retired", BP_EINVAL, "Chỉ tiêu %s đã ngừng sử dụng, không nhận giá trị mới", "Indicator %s is retired and takes no new values" },
	{ "indicator_not_in_type", BP_EINVAL, "Chỉ tiêu %s không thuộc loại hoạt động này", "Indicator %s is not one of this activity type's" },
	{ "indicator_required", BP_EINVAL, "Thiếu chỉ tiêu bắt buộc %s", "Missing required indicator %s" },
	{ "indicator_twice", BP_EINVAL, "Chỉ tiêu %s được liệt kê hai lần", "Indicator %s is listed twice" },
	{ "value_type_invalid", BP_EINVAL, "Kiểu giá trị %s không hợp lệ (integer, decimal)", "Value type %s is not valid (integer, decimal)" },
	{ "aggregation_invalid", BP_EINVAL, "Cách cộng dồn %s không hợp lệ (flow, stock)", "Aggregation %s is not valid (flow, stock)" },
	{ "category_invalid", BP_EINVAL, "Nhóm hoạt động %s không hợp lệ (outreach, infrastructure, model, social, foreign_affairs, border_day, security)", "Category %s is not valid (outreach, infrastructure, model, social, foreign_affairs, border_day, security)" },
	{ "activity_type_taken", BP_ECONFLICT, "Mã loại hoạt động %s đã tồn tại", "Activity type code %s is taken" },
	{ "activity_type_not_found", BP_ENOTFOUND, "Không tìm thấy loại hoạt động %s", "No such activity type %s" },
	{ "activity_type_unknown", BP_EINVAL, "Không có loại hoạt động %s trong danh mục", "There is no activity type %s in the catalog" },
	{ "activity_type_retired", BP_EINVAL, "Loại hoạt động %s đã ngừng sử dụng, không nhận hoạt động mới", "Activity type %s is retired and takes no new activities" },
	{ "value_invalid", BP_EINVAL, "Giá trị %s không phải là số (chỉ gồm chữ số, dấu trừ và một dấu thập phân)", "Value %s is not a number (digits, a minus sign and one decimal mark only)" },
	{ "value_grouping", BP_EINVAL, "Giá trị %s có dấu phân cách hàng nghìn: hãy viết liền các chữ số, ví dụ 14000", "Value %s has thousands separators: write the digits alone, e.g. 14000" },
	{ "value_ambiguous", BP_EINVAL, "Giá trị %s của chỉ tiêu số nguyên có dấu chấm hoặc phẩy (14.000 là 14 hay 14 nghìn?): hãy viết liền các chữ số", "Value %s of a whole-number indicator has a dot or comma (is 14.000 fourteen or fourteen thousand?): write the digits alone" },
	{ "value_not_integer", BP_EINVAL, "Chỉ tiêu %s chỉ nhận số nguyên", "Indicator %s takes whole numbers only" },
	{ "value_negative", BP_EINVAL, "Chỉ tiêu %s không nhận số âm", "Indicator %s takes no negative values" },
	{ "value_decimals", BP_EINVAL, "Giá trị %s có quá 3 chữ số thập phân", "Value %s has more than 3 decimals" },
	{ "value_too_large", BP_EINVAL, "Giá trị %s quá lớn", "Value %s is too large" },
	{ "activity_not_found", BP_ENOTFOUND, "Không tìm thấy hoạt động %s", "No such activity %s" },
	{ "activity_dates", BP_EINVAL, "Ngày kết thúc %s trước ngày bắt đầu", "The end date %s comes before the start date" },
	{ "activity_place", BP_EINVAL, "Vị trí cần cả kinh độ và vĩ độ (lon, lat)%s", "A place needs both longitude and latitude (lon, lat)%s" },
	{ "activity_marker_unknown", BP_EINVAL, "Không có mốc %s", "There is no marker %s" },
	{ "format_activities", BP_EINVAL, "Định dạng %s không dùng được ở đây (csv, xlsx)", "Format %s cannot be used here (csv, xlsx)" },
	{ "xlsx_failed", BP_EINTERNAL, "Không tạo được tệp XLSX%s", "Could not make the XLSX file%s" },
	/* people's participation: households, registrations, groups, twinnings, stocks */
	{ "personal_id_refused", BP_EINVAL, "Không lưu số định danh cá nhân (trường %s): phong trào chỉ cần họ tên, thôn bản, số điện thoại", "Identity numbers are not kept (field %s): the movement needs only a name, a village and a phone" },
	{ "people_unit_kind", BP_EINVAL, "Đơn vị %s không phải thôn, bản, xã hoặc phường", "Unit %s is not a village, commune or ward" },
	{ "phone_invalid", BP_EINVAL, "Số điện thoại %s không hợp lệ (chữ số, dấu cách, + - . ( ))", "Phone %s is not valid (digits, spaces, + - . ( ))" },
	{ "household_not_found", BP_ENOTFOUND, "Không tìm thấy hộ gia đình, tập thể %s", "No such household or collective %s" },
	{ "registration_not_found", BP_ENOTFOUND, "Không tìm thấy đăng ký tự quản %s", "No such self-management registration %s" },
	{ "group_not_found", BP_ENOTFOUND, "Không tìm thấy tổ %s", "No such group %s" },
	{ "twinning_not_found", BP_ENOTFOUND, "Không tìm thấy cặp kết nghĩa %s", "No such twinning %s" },
	{ "list_duplicate", BP_EINVAL, "Danh sách %s có phần tử lặp lại", "List %s holds the same item twice" },
	{ "registration_km_exceeds", BP_EINVAL, "Số km tự quản vượt quá chiều dài đoạn biên giới (%s km)", "The km under self-management exceed the segments' length (%s km)" },
	{ "registration_km_short", BP_EINVAL, "Số km tự quản (%s) không đủ cho các đoạn biên giới đã kê", "The km under self-management (%s) do not reach every segment listed" },
	{ "registration_km_no_segments", BP_EINVAL, "Có số km tự quản nhưng không kê đoạn biên giới nào%s", "Km under self-management are given but no segment is listed%s" },
	{ "segment_ref_invalid", BP_EINVAL, "Đoạn biên giới %s không hợp lệ: ghi mã đoạn hoặc hai số mốc \"1112-1116\"", "Segment %s is not valid: give its id or two marker numbers \"1112-1116\"" },
	{ "ref_ambiguous", BP_EINVAL, "%s chỉ nhiều đối tượng (số mốc có trên nhiều tuyến): ghi mã định danh", "%s names several records (the number is on several borders): give the id" },
	{ "group_kind_date", BP_EINVAL, "Tổ bảo vệ an ninh, trật tự ở cơ sở chỉ thành lập từ ngày 01/07/2024 (trường %s)", "Grassroots security and order protection groups exist from 1 July 2024 (field %s)" },
	{ "group_member_dates", BP_EINVAL, "Thành viên %s vào tổ ngoài thời gian tổ hoạt động", "Member %s joins outside the group's lifetime" },
	{ "country_invalid", BP_EINVAL, "Nước %s không hợp lệ (CN, LA, KH)", "Country %s is not valid (CN, LA, KH)" },
	/* direction: documents, their files, tasks (documents.c, docfile.c, tasks.c) */
	{ "document_not_found", BP_ENOTFOUND, "Không tìm thấy văn bản %s", "No such document %s" },
	{ "document_kind_invalid", BP_EINVAL, "Loại văn bản %s không hợp lệ (nghi_quyet, ket_luan, chi_thi, quyet_dinh, ke_hoach, huong_dan, bao_cao, quy_che, thong_bao, nghi_dinh, cong_van ...)", "Document kind %s is not valid (nghi_quyet, ket_luan, chi_thi, quyet_dinh, ke_hoach, huong_dan, bao_cao, quy_che, thong_bao, nghi_dinh, cong_van ...)" },
	{ "document_cycle", BP_ERULE, "Văn bản không thể thực hiện chính nó, trực tiếp hay qua chuỗi văn bản%s", "A document cannot implement itself, directly or through a chain of documents%s" },
	{ "document_implements_later", BP_ERULE, "Văn bản được thực hiện phải ban hành trước hoặc cùng ngày với văn bản thực hiện nó%s", "A document can only implement one issued on or before its own date%s" },
	{ "document_national_write", BP_EFORBIDDEN, "Chỉ quản trị viên của đơn vị cấp cao nhất mới ghi văn bản của Trung ương, Chính phủ (không thuộc đơn vị nào)%s", "Only an admin of a top-level unit writes national documents (those of no unit)%s" },
	{ "document_in_use", BP_ECONFLICT, "Văn bản còn %s, không xóa được", "The document still has %s and cannot be deleted" },
	{ "year_invalid", BP_EINVAL, "Năm %s không hợp lệ (1945-2100)", "Year %s is not valid (1945-2100)" },
	{ "symbol_unparsed", BP_EINVAL, "Số, ký hiệu “%s” không theo dạng thường gặp (05/KH-UBND, 89/QĐ-TTg, 99-KL/TW): đã lưu nguyên văn và đánh dấu", "The number and symbol “%s” fits none of the usual forms (05/KH-UBND, 89/QĐ-TTg, 99-KL/TW): kept as written and flagged" },
	{ "symbol_kind_mismatch", BP_EINVAL, "Ký hiệu %s không khớp với loại văn bản đã chọn", "The symbol %s does not match the chosen document kind" },
	{ "file_too_large", BP_ETOOLARGE, "Tệp đính kèm quá lớn (tối đa %s)", "The attachment is too large (at most %s)" },
	{ "file_type_unsupported", BP_EMEDIA, "Không nhận loại tệp %s (chỉ PDF, DOCX, DOC, XLSX, XLS, ODT, JPEG, PNG)", "File type %s is not accepted (PDF, DOCX, DOC, XLSX, XLS, ODT, JPEG, PNG only)" },
	{ "file_content_mismatch", BP_ERULE, "Nội dung tệp không phải %s như phần mở rộng của tên tệp", "The file's content is not %s, as its name's extension says" },
	{ "file_name_invalid", BP_EINVAL, "Tên tệp %s không hợp lệ: không được có đường dẫn (/, \\, ..), ký tự điều khiển, hoặc để trống", "File name %s is not valid: no path parts (/, \\, ..), no control characters, not empty" },
	{ "document_file_not_found", BP_ENOTFOUND, "Không tìm thấy tệp đính kèm %s", "No such attachment %s" },
	{ "task_not_found", BP_ENOTFOUND, "Không tìm thấy nhiệm vụ %s", "No such task %s" },
	{ "task_due_before_document", BP_ERULE, "Hạn hoàn thành trước ngày ban hành văn bản giao nhiệm vụ%s", "The due date comes before the date of the document the task comes from%s" },
	{ "task_done", BP_ERULE, "Nhiệm vụ đã hoàn thành, không ghi thêm tiến độ%s", "The task is done; no more progress can be recorded%s" },
	{ "task_update_before_latest", BP_ERULE, "Ngày báo cáo tiến độ trước lần báo cáo gần nhất (%s)", "The progress date comes before the latest report (%s)" },
	{ "task_progress_invalid", BP_EINVAL, "Tiến độ phải là số nguyên 0-100, và 100 khi hoàn thành%s", "Progress is a whole percent 0-100, and 100 when done%s" },
	{ "task_unit_twice", BP_EINVAL, "Đơn vị %s được nêu hai lần (chủ trì hoặc phối hợp)", "Unit %s is named twice (lead or supporting)" },
	{ "task_has_updates", BP_ECONFLICT, "Nhiệm vụ đã có %s lần báo cáo tiến độ, không xóa được", "The task has %s progress report(s) and cannot be deleted" },
	/* coordination: conferences, agreements, commendations (conferences.c, agreements.c, commendations.c) */
	{ "count_invalid", BP_EINVAL, "Trường %s phải là số nguyên không âm", "Field %s must be a whole number, not negative" },
	{ "list_too_short", BP_EINVAL, "Danh sách %s chưa đủ phần tử", "List %s has too few items" },
	{ "unit_listed_twice", BP_EINVAL, "Một đơn vị được ghi hai lần trong %s", "A unit is listed twice in %s" },
	{ "conference_not_found", BP_ENOTFOUND, "Không tìm thấy hội nghị%s", "No such conference%s" },
	{ "conference_kind_invalid", BP_EINVAL, "Loại hội nghị %s không hợp lệ (quan_triet, so_ket, tong_ket, hoi_dam, giao_ban, ky_ket)", "Conference kind %s is not valid (quan_triet, so_ket, tong_ket, hoi_dam, giao_ban, ky_ket)" },
	{ "document_unknown", BP_EINVAL, "Không có văn bản %s", "There is no document %s" },
	{ "document_out_of_scope", BP_EFORBIDDEN, "Văn bản %s thuộc đơn vị ngoài phạm vi của bạn", "Document %s belongs to a unit outside your scope" },
	{ "document_listed_twice", BP_EINVAL, "Một văn bản được ghi hai lần trong %s", "A document is listed twice in %s" },
	{ "contribution_speaker", BP_EINVAL, "Mỗi tham luận cần người trình bày hoặc cơ quan, tổ chức%s", "Each contribution needs a speaker or an organization%s" },
	{ "agreement_not_found", BP_ENOTFOUND, "Không tìm thấy quy chế phối hợp%s", "No such coordination agreement%s" },
	{ "agreement_status_invalid", BP_EINVAL, "Trạng thái %s không hợp lệ (draft, signed, ended)", "Status %s is not valid (draft, signed, ended)" },
	{ "agreement_draft_signed", BP_EINVAL, "Bản dự thảo chưa có ngày ký; khi ký, đặt trạng thái signed%s", "A draft has no signing date; when it is signed, set the status to signed%s" },
	{ "agreement_signed_on", BP_EINVAL, "Quy chế đã ký hoặc đã hết hiệu lực cần có ngày ký%s", "A signed or ended agreement needs its signing date%s" },
	{ "agreement_not_signed", BP_ECONFLICT, "Quy chế còn là dự thảo: chỉ đánh giá hoặc gia hạn quy chế đã ký%s", "The agreement is still a draft: only a signed agreement is reviewed or renewed%s" },
	{ "agreement_not_draft", BP_ECONFLICT, "Chỉ xóa được bản dự thảo; quy chế đã ký được lưu lại%s", "Only a draft can be deleted; a signed agreement is kept%s" },
	{ "agreement_renewed", BP_ECONFLICT, "Quy chế đã được gia hạn cho năm sau (bản dự thảo %s)", "The agreement has already been renewed for the next year (draft %s)" },
	{ "commitment_party", BP_EINVAL, "Đơn vị chủ trì thực hiện cam kết phải là một bên của quy chế%s", "The party responsible for a commitment must be a party to the agreement%s" },
	{ "commitment_due", BP_EINVAL, "Hạn thực hiện cam kết không được trước ngày quy chế bắt đầu%s", "A commitment's due date cannot fall before the agreement's period starts%s" },
	{ "commitment_twice", BP_EINVAL, "Một cam kết được ghi hai lần%s", "A commitment is listed twice%s" },
	{ "commitment_foreign", BP_ECONFLICT, "Cam kết %s thuộc quy chế khác", "Commitment %s belongs to another agreement" },
	{ "commitment_reviewed", BP_ECONFLICT, "Cam kết %s đã được đánh giá, không thể bỏ khỏi quy chế", "Commitment %s has been reviewed and cannot be removed from the agreement" },
	{ "review_before_signing", BP_EINVAL, "Không thể đánh giá trước ngày ký quy chế%s", "A review cannot be dated before the agreement was signed%s" },
	{ "review_result_invalid", BP_EINVAL, "Kết quả chung %s không hợp lệ (tot, kha, trung_binh, yeu)", "Overall result %s is not valid (tot, kha, trung_binh, yeu)" },
	{ "evaluation_invalid", BP_EINVAL, "Đánh giá %s không hợp lệ (done, partly, not_done)", "Evaluation %s is not valid (done, partly, not_done)" },
	{ "review_commitment_foreign", BP_EINVAL, "Cam kết được đánh giá không thuộc quy chế này%s", "The commitment evaluated is not one of this agreement's%s" },
	{ "review_commitment_twice", BP_EINVAL, "Một cam kết được đánh giá hai lần trong cùng lần đánh giá%s", "A commitment is evaluated twice in one review%s" },
	{ "commendation_not_found", BP_ENOTFOUND, "Không tìm thấy quyết định khen thưởng%s", "No such commendation%s" },
	{ "commendation_level_invalid", BP_EINVAL, "Hình thức khen thưởng %s không hợp lệ (giay_khen, bang_khen, co_thi_dua, huan_chuong, huy_chuong, danh_hieu)", "Commendation level %s is not valid (giay_khen, bang_khen, co_thi_dua, huan_chuong, huy_chuong, danh_hieu)" },
	{ "issuer_level_invalid", BP_EINVAL, "Cấp khen thưởng %s không hợp lệ (nation, ministry, province, district, commune, unit)", "Issuer level %s is not valid (nation, ministry, province, district, commune, unit)" },
	{ "commendation_issuer", BP_EINVAL, "Cấp này không được tặng hình thức khen thưởng đó (%s): bằng khen, cờ thi đua từ cấp tỉnh, bộ trở lên; huân chương, huy chương do Chủ tịch nước tặng", "This level cannot give that commendation (%s): a bằng khen or a cờ thi đua comes from a province, a ministry or above; orders and medals from the State President" },
	{ "recipient_kind_invalid", BP_EINVAL, "Loại người được khen %s không hợp lệ (collective, individual)", "Recipient kind %s is not valid (collective, individual)" },
	{ "marker_in_use", BP_ECONFLICT, "Mốc %s còn là đầu mút của đoạn biên giới hoặc được ghi trong hoạt động: xóa hoặc sửa chúng trước", "Marker %s is still an end of a border segment or named by an activity: delete or change those first" },
	{ "record_in_use", BP_ECONFLICT, "Bản ghi còn được dữ liệu khác tham chiếu%s: xóa hoặc sửa chúng trước", "The record is still referred to by other records%s: delete or change those first" },
	{ "settings_tiles_invalid", BP_EINVAL, "Nguồn bản đồ nền%s phải là địa chỉ http(s) hoặc đường dẫn trên máy chủ này, dạng mẫu có {z}, {x}, {y} hoặc tệp .pmtiles", "The tile source%s must be an http(s) URL or a path on this server: a template with {z}, {x}, {y}, or a .pmtiles file" },

	/* reports (src/domain/reports.c, report_templates.c) */
	{ "period_invalid", BP_EINVAL, "Kỳ báo cáo %s không hợp lệ (2023, 2023-Q1, 2023-03, 2019..2024, M2023, M2019..M2023, 2023-01-15..2023-06-30)", "Period %s is not valid (2023, 2023-Q1, 2023-03, 2019..2024, M2023, M2019..M2023, 2023-01-15..2023-06-30)" },
	{ "report_template_not_found", BP_ENOTFOUND, "Không có mẫu báo cáo %s", "There is no report template %s" },
	{ "report_template_invalid", BP_EINVAL, "Mẫu báo cáo không hợp lệ: %s", "The report template is not valid: %s" },
	{ "report_format_invalid", BP_EINVAL, "Định dạng %s không hợp lệ (json, csv, xlsx, html, text)", "Format %s is not valid (json, csv, xlsx, html, text)" },
	{ "report_lang_invalid", BP_EINVAL, "Ngôn ngữ %s không hợp lệ (vi, en)", "Language %s is not valid (vi, en)" },

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
	case BP_ERULE: return 422;
	case BP_EINTERNAL: return 500;
	}
	return 500;
}
