// i18n.js - the UI's words, Vietnamese first and English second, and the
// way dates are written.
//
// Every string the user reads comes from STRINGS below, by key: t('key')
// or t('key', {name: value}) for "{name}" placeholders. The language is
// remembered in localStorage, so a shared commune PC keeps the choice of
// whoever set it. Messages from the server arrive in both languages
// (message_vi, message_en); apiMessage() picks one.

const STORAGE_KEY = 'bienphong.lang';
export const LANGS = ['vi', 'en'];

const STRINGS = {
  'app.name': ['bienphong — Nền biên phòng toàn dân', 'bienphong — All-people border defense'],
  'app.short': ['bienphong', 'bienphong'],
  'lang.switch': ['English', 'Tiếng Việt'],
  'lang.switch_title': ['Switch to English', 'Chuyển sang tiếng Việt'],
  'loading': ['Đang tải…', 'Loading…'],
  'save': ['Lưu', 'Save'],
  'cancel': ['Hủy', 'Cancel'],
  'close': ['Đóng', 'Close'],
  'none': ['(không có)', '(none)'],
  'unknown': ['(không rõ)', '(unknown)'],
  'error.network': ['Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    'Cannot reach the server. Check the network and try again.'],
  'error.unexpected': ['Máy chủ trả lời không đúng dạng (mã {status}).',
    'The server sent an unexpected answer (status {status}).'],
  'error.session': ['Phiên làm việc đã kết thúc, xin đăng nhập lại.',
    'Your session has ended, please log in again.'],
  'error.required': ['Xin điền trường này.', 'Please fill in this field.'],

  // Login
  'login.title': ['Đăng nhập', 'Log in'],
  'login.intro': ['Hệ thống thông tin nền biên phòng toàn dân. Dùng tài khoản do đơn vị cấp.',
    'Information system of the all-people border defense. Use the account your unit gave you.'],
  'login.username': ['Tên đăng nhập', 'Username'],
  'login.password': ['Mật khẩu', 'Password'],
  'login.submit': ['Đăng nhập', 'Log in'],
  'login.busy': ['Đang đăng nhập…', 'Logging in…'],
  'login.shared_pc': ['Máy dùng chung: nhớ bấm “Đăng xuất” khi làm xong.',
    'Shared computer: remember to press “Log out” when you are done.'],

  // Frame
  'frame.logout': ['Đăng xuất', 'Log out'],
  'frame.nav': ['Chức năng', 'Menu'],
  'frame.user': ['Người dùng', 'User'],
  'frame.unit': ['Đơn vị', 'Unit'],
  'frame.role': ['Vai trò', 'Role'],
  'frame.not_found': ['Không có trang này.', 'There is no such page.'],
  'frame.no_access': ['Vai trò của bạn không dùng được trang này.', 'Your role cannot use this page.'],

  // Navigation (one key per screen of routes.js)
  'nav.units': ['Cây đơn vị', 'Unit tree'],
  'nav.users': ['Người dùng', 'Users'],
  'nav.map': ['Bản đồ', 'Map'],
  'nav.markers': ['Cột mốc', 'Markers'],
  'nav.registry': ['Đường biên, cửa khẩu', 'Border line, gates'],

  // Unit tree
  'units.title': ['Cây đơn vị', 'Unit tree'],
  'units.date': ['Cây đơn vị vào ngày', 'Tree as of'],
  'units.as_of': ['Các đơn vị ngày {date}', 'Units on {date}'],
  'units.today': ['Hôm nay', 'Today'],
  'units.date_hint': ['Chọn một ngày trước 01/07/2025 để xem các huyện và xã trước khi sắp xếp.',
    'Pick a date before 1 July 2025 to see the districts and communes before the reform.'],
  'units.filter': ['Lọc theo tên hoặc mã', 'Filter by name or code'],
  'units.expand_all': ['Mở hết', 'Expand all'],
  'units.collapse_all': ['Thu gọn', 'Collapse all'],
  'units.empty': ['Không có đơn vị nào trong phạm vi của bạn vào ngày này.',
    'No unit in your scope on this date.'],
  'units.no_match': ['Không có đơn vị nào khớp với “{q}”.', 'No unit matches “{q}”.'],
  'units.expand': ['Mở {name}', 'Expand {name}'],
  'units.collapse': ['Thu gọn {name}', 'Collapse {name}'],
  'units.pick': ['Chọn một đơn vị trong cây để xem chi tiết.', 'Choose a unit in the tree to see its details.'],
  'units.count': ['{n} đơn vị', '{n} units'],

  // Unit detail
  'unit.code': ['Mã', 'Code'],
  'unit.kind': ['Loại', 'Kind'],
  'unit.name': ['Tên', 'Name'],
  'unit.name_en': ['Tên tiếng Anh', 'English name'],
  'unit.parent': ['Trực thuộc', 'Under'],
  'unit.as_of': ['Thông tin vào ngày {date}', 'As of {date}'],
  'unit.valid': ['Thời gian tồn tại', 'Existed'],
  'unit.from': ['Từ ngày', 'From'],
  'unit.to': ['Đến hết ngày', 'Until'],
  'unit.now': ['nay', 'now'],
  'unit.range': ['từ {from} đến {to}', 'from {from} to {to}'],
  'unit.parents': ['Lịch sử trực thuộc', 'Parent history'],
  'unit.predecessors': ['Hình thành từ', 'Formed from'],
  'unit.successors': ['Đã chuyển thành', 'Became'],
  'unit.communes': ['Xã, phường phụ trách', 'Communes it is responsible for'],
  'unit.posts': ['Đồn Biên phòng phụ trách', 'Border posts responsible for it'],
  'unit.succession.merge': ['sáp nhập', 'merge'],
  'unit.succession.split': ['chia tách', 'split'],
  'unit.on_date': ['ngày {date}', 'on {date}'],
  'unit.not_yet': ['Chưa được thành lập vào ngày đang xem', 'Not yet formed on the date shown'],
  'unit.retired': ['Đã giải thể hoặc sáp nhập trước ngày đang xem', 'Dissolved or merged before the date shown'],

  // Unit forms
  'unit.add_child': ['Thêm đơn vị trực thuộc', 'Add a unit under it'],
  'unit.add_child_under': ['Thêm đơn vị trực thuộc {name}', 'Add a unit under {name}'],
  'unit.code_hint': ['Chữ in hoa không dấu, số, “-” hoặc “_”, ví dụ MAUSON-NAPAN.',
    'Capital letters, digits, “-” or “_”, e.g. MAUSON-NAPAN.'],
  'unit.valid_from': ['Có hiệu lực từ ngày', 'Valid from'],
  'unit.create': ['Thêm đơn vị', 'Add unit'],
  'unit.created': ['Đã thêm {name}.', '{name} was added.'],
  'unit.no_child_kind': ['Đơn vị loại này không có đơn vị trực thuộc.', 'Units of this kind have no units under them.'],
  'unit.move': ['Chuyển trực thuộc', 'Move under another unit'],
  'unit.move_parent': ['Đơn vị cấp trên mới (mã)', 'New parent unit (code)'],
  'unit.move_date': ['Từ ngày', 'From'],
  'unit.move_submit': ['Chuyển', 'Move'],
  'unit.moved': ['Đã chuyển {name} sang {parent}.', '{name} now stands under {parent}.'],

  // Users
  'users.title': ['Người dùng', 'Users'],
  'users.username': ['Tên đăng nhập', 'Username'],
  'users.display_name': ['Họ tên / chức vụ', 'Name / position'],
  'users.unit': ['Đơn vị', 'Unit'],
  'users.unit_code': ['Mã đơn vị', 'Unit code'],
  'users.role': ['Vai trò', 'Role'],
  'users.state': ['Trạng thái', 'State'],
  'users.active': ['Đang hoạt động', 'Active'],
  'users.disabled': ['Đã khóa', 'Disabled'],
  'users.disable': ['Khóa', 'Disable'],
  'users.enable': ['Mở khóa', 'Enable'],
  'users.disable_confirm': ['Khóa tài khoản {username}? Người này sẽ không đăng nhập được nữa.',
    'Disable the account {username}? This person will no longer be able to log in.'],
  'users.disabled_done': ['Đã khóa tài khoản {username}.', 'The account {username} was disabled.'],
  'users.enabled_done': ['Đã mở khóa tài khoản {username}.', 'The account {username} was enabled.'],
  'users.self': ['(bạn)', '(you)'],
  'users.more': ['Xem thêm', 'Show more'],
  'users.empty': ['Chưa có người dùng nào.', 'No users yet.'],
  'users.add': ['Thêm người dùng', 'Add a user'],
  'users.password': ['Mật khẩu ban đầu', 'Initial password'],
  'users.password_hint': ['Ít nhất 8 ký tự. Báo cho người dùng đổi sau khi đăng nhập.',
    'At least 8 characters. Ask the user to change it after logging in.'],
  'users.username_hint': ['Chữ thường không dấu, số, “.”, “_” hoặc “-”, ví dụ can.bo.xa.',
    'Lower-case letters, digits, “.”, “_” or “-”, e.g. can.bo.xa.'],
  'users.create': ['Thêm người dùng', 'Add user'],
  'users.created': ['Đã thêm tài khoản {username}.', 'The account {username} was added.'],
  'users.actions': ['Thao tác', 'Actions'],

  // Map
  'map.title': ['Bản đồ biên giới', 'Border map'],
  'map.label': ['Bản đồ: cột mốc, đường biên giới, cửa khẩu, đường tuần tra', 'Map: markers, border line, gates, patrol roads'],
  'map.layers': ['Lớp hiển thị', 'Layers'],
  'map.legend': ['Chú giải', 'Legend'],
  'map.layer.markers': ['Cột mốc', 'Markers'],
  'map.layer.segments': ['Đường biên giới', 'Border line'],
  'map.layer.gates': ['Cửa khẩu, lối mở', 'Gates and openings'],
  'map.layer.roads': ['Đường tuần tra, kiểm tra mốc', 'Patrol and inspection roads'],
  'map.count': ['Trong khung nhìn: {markers} cột mốc, {segments} đoạn biên giới, {gates} cửa khẩu, {roads} tuyến đường.',
    'In view: {markers} markers, {segments} border segments, {gates} gates, {roads} roads.'],
  'map.loading': ['Đang tải dữ liệu bản đồ…', 'Loading map data…'],
  'map.truncated': ['Khung nhìn có quá nhiều đối tượng, chỉ hiện một phần. Phóng to để xem đủ.',
    'Too many features in view; only some are shown. Zoom in to see them all.'],
  'map.empty': ['Không có cột mốc, đoạn biên giới, cửa khẩu hay tuyến đường nào trong khung nhìn.',
    'No marker, border segment, gate or road in view.'],
  'map.fit': ['Xem toàn bộ khu vực của tôi', 'Show all of my area'],
  'map.legend.border': ['Đường biên giới trên đất liền', 'Land border line'],
  'map.legend.river': ['Đường biên giới theo sông suối', 'River border line'],
  'map.legend.patrol': ['Đường tuần tra biên giới', 'Border patrol road'],
  'map.legend.inspection': ['Đường kiểm tra cột mốc', 'Marker-inspection road'],
  'map.legend.gate_intl': ['Cửa khẩu quốc tế', 'International gate'],
  'map.legend.gate': ['Cửa khẩu chính, phụ, lối mở', 'Main or secondary gate, opening'],
  'map.legend.vn': ['Lãnh thổ Việt Nam', 'Territory of Viet Nam'],
  'map.basemap': ['Nền bản đồ', 'Basemap'],
  'map.basemap_doc': ['Nền bản đồ vẽ đường biên giới các nước từ dữ liệu Natural Earth (tỉ lệ 1:10 triệu) có sẵn trên máy chủ này, không cần Internet. Vị trí đường biên trên nền chỉ gần đúng; vị trí thật là các cột mốc.',
    'The basemap draws country outlines from Natural Earth data (1:10m) kept on this server: no Internet needed. The outline is approximate; the markers are the real positions.'],
  'map.tiles_doc': ['Quản trị viên có thể thêm ảnh nền (tile) do chính máy chủ này phục vụ, cho mọi người dùng, trong mục dưới đây (ví dụ /tiles/{z}/{x}/{y}.png); trên một máy tính, khóa localStorage “bienphong.tiles” đặt nguồn khác cho riêng trình duyệt đó. Chỉ nhận đường dẫn trên cùng máy chủ (chính sách bảo mật chặn mọi nguồn bên ngoài).',
    'An administrator can add a tile layer served by this same server, for every user, in the form below (e.g. /tiles/{z}/{x}/{y}.png); on one computer the localStorage key “bienphong.tiles” sets another source for that browser alone. Only paths on this server are accepted (the security policy blocks any outside source).'],
  'map.tiles_on': ['Ảnh nền đang dùng (do quản trị viên đặt): {url}', 'Tile layer in use (set by an administrator): {url}'],
  'map.tiles_on_browser': ['Ảnh nền đang dùng (đặt riêng trên trình duyệt này): {url}', 'Tile layer in use (set in this browser alone): {url}'],
  'map.tiles_refused': ['Đã bỏ qua nguồn ảnh nền “{url}”: chỉ nhận đường dẫn trên cùng máy chủ.',
    'The tile source “{url}” was ignored: only paths on this server are accepted.'],
  'map.tiles_pmtiles': ['Nguồn ảnh nền “{url}” là tệp PMTiles, phiên bản này chưa đọc được: bản đồ chỉ vẽ đường biên các nước.',
    'The tile source “{url}” is a PMTiles archive, which this version cannot read yet: the map draws the country outlines alone.'],
  'map.settings.title': ['Ảnh nền cho mọi người dùng', 'Tiles for every user'],
  'map.settings.tiles': ['Nguồn ảnh nền', 'Tile source'],
  'map.settings.tiles_hint': ['Mẫu có {z}, {x}, {y} hoặc tệp .pmtiles; để trống để bỏ.', 'A template with {z}, {x}, {y} or a .pmtiles file; empty for none.'],
  'map.settings.attribution': ['Ghi nguồn', 'Attribution'],
  'map.settings.max_zoom': ['Mức phóng to lớn nhất của nguồn (0–24)', 'Deepest zoom of the source (0–24)'],
  'map.settings.save': ['Lưu', 'Save'],
  'map.settings.saved': ['Đã lưu nguồn ảnh nền.', 'The tile source was saved.'],
  'map.basemap_error': ['Không tải được nền bản đồ (đường biên các nước).', 'The basemap (country outlines) could not be loaded.'],
  'map.zoom_in': ['Phóng to', 'Zoom in'],
  'map.zoom_out': ['Thu nhỏ', 'Zoom out'],
  'map.open_marker': ['Xem trang cột mốc', 'Open the marker’s page'],
  'map.show_on_map': ['Xem trên bản đồ', 'Show on the map'],
  'map.hoang_sa': ['Quần đảo Hoàng Sa\n(Việt Nam)', 'Hoàng Sa archipelago\n(Viet Nam)'],
  'map.truong_sa': ['Quần đảo Trường Sa\n(Việt Nam)', 'Trường Sa archipelago\n(Viet Nam)'],
  'map.country.VN': ['VIỆT NAM', 'VIET NAM'],
  'map.country.CN': ['TRUNG QUỐC', 'CHINA'],
  'map.country.LA': ['LÀO', 'LAOS'],
  'map.country.KH': ['CAMPUCHIA', 'CAMBODIA'],
  'map.country.TH': ['THÁI LAN', 'THAILAND'],

  // Registry fields
  'reg.number': ['Số hiệu mốc', 'Marker number'],
  'reg.marker': ['Mốc {number}', 'Marker {number}'],
  'reg.border': ['Tuyến biên giới', 'Border'],
  'reg.type': ['Loại mốc', 'Type'],
  'reg.form': ['Hình thức', 'Form'],
  'reg.condition': ['Tình trạng', 'Condition'],
  'reg.last_inspected': ['Kiểm tra lần cuối', 'Last inspected'],
  'reg.post': ['Đồn Biên phòng phụ trách', 'Border post in charge'],
  'reg.post_code': ['Mã đồn Biên phòng phụ trách', 'Code of the border post in charge'],
  'reg.position': ['Vị trí (WGS84)', 'Position (WGS84)'],
  'reg.lat': ['Vĩ độ', 'Latitude'],
  'reg.lon': ['Kinh độ', 'Longitude'],
  'reg.lat_hint': ['Độ thập phân, ví dụ 21,97145', 'Decimal degrees, e.g. 21.97145'],
  'reg.lon_hint': ['Độ thập phân, ví dụ 106,70551', 'Decimal degrees, e.g. 106.70551'],
  'reg.elevation': ['Độ cao (m)', 'Elevation (m)'],
  'reg.built_by': ['Bên xây dựng', 'Built by'],
  'reg.notes': ['Ghi chú', 'Notes'],
  'reg.from': ['Từ mốc', 'From marker'],
  'reg.to': ['Đến mốc', 'To marker'],
  'reg.kind': ['Loại', 'Kind'],
  'reg.length': ['Chiều dài', 'Length'],
  'reg.name': ['Tên', 'Name'],
  'reg.unit': ['Đơn vị quản lý', 'Maintained by'],
  'reg.built': ['Xây dựng', 'Built'],
  'reg.surface': ['Mặt đường', 'Surface'],
  'reg.cost': ['Kinh phí', 'Cost'],
  'reg.workdays': ['Ngày công', 'Workdays'],
  'money.billion': ['{v} tỷ đồng', 'VND {v} billion'],
  'money.million': ['{v} triệu đồng', 'VND {v} million'],
  'money.dong': ['{v} đồng', 'VND {v}'],
  'reg.lat_n': ['{v}° B', '{v}° N'],
  'reg.lon_e': ['{v}° Đ', '{v}° E'],
  'reg.m': ['{v} m', '{v} m'],
  'reg.all': ['Tất cả', 'All'],
  'reg.more': ['Xem thêm', 'Show more'],
  'reg.shown': ['Đang hiện {n}', 'Showing {n}'],
  'reg.any': ['(chưa rõ)', '(unknown)'],

  // Markers
  'markers.title': ['Cột mốc', 'Border markers'],
  'markers.search': ['Tìm theo số hiệu mốc', 'Search by marker number'],
  'markers.empty': ['Không có cột mốc nào khớp với bộ lọc.', 'No marker matches the filters.'],
  'markers.add': ['Thêm cột mốc', 'Add a marker'],
  'markers.number_hint': ['Như ghi trên mốc, ví dụ 1116 hoặc 1116/1 (mốc phụ).', 'As written on the marker, e.g. 1116 or 1116/1 (secondary).'],
  'markers.post_hint': ['Ví dụ DBP-HUUNGHI', 'E.g. DBP-HUUNGHI'],
  'markers.create': ['Thêm cột mốc', 'Add marker'],
  'markers.created': ['Đã thêm mốc {number}.', 'Marker {number} was added.'],
  'markers.bad_number': ['“{v}” không phải là số.', '“{v}” is not a number.'],

  // Marker page
  'marker.back': ['← Danh sách cột mốc', '← All markers'],
  'marker.history': ['Lịch sử tình trạng', 'Condition history'],
  'marker.history_empty': ['Chưa ghi nhận tình trạng nào.', 'No condition recorded yet.'],
  'marker.date': ['Ngày', 'Date'],
  'marker.note': ['Ghi chú', 'Note'],
  'marker.recorded_by': ['Người ghi', 'Recorded by'],
  'marker.posts': ['Đồn phụ trách qua các thời kỳ', 'Posts in charge over time'],
  'marker.period': ['Thời gian', 'Period'],
  'marker.record': ['Ghi nhận tình trạng mới', 'Record a new condition'],
  'marker.record_submit': ['Ghi nhận', 'Record'],
  'marker.recorded': ['Đã ghi nhận tình trạng của mốc {number}.', 'The condition of marker {number} was recorded.'],

  // Registry page (gates, segments, roads)
  'registry.title': ['Đường biên giới, cửa khẩu, đường tuần tra', 'Border line, gates, patrol roads'],
  'registry.tab.gates': ['Cửa khẩu, lối mở', 'Gates and openings'],
  'registry.tab.segments': ['Đoạn đường biên giới', 'Border line segments'],
  'registry.tab.roads': ['Đường tuần tra, kiểm tra mốc', 'Patrol and inspection roads'],
  'registry.empty': ['Chưa có mục nào trong phạm vi của bạn.', 'Nothing in your scope yet.'],
};

// The border registry's values, as the server names them.
const VALUES = {
  condition: {
    good: ['Tốt', 'Good'],
    damaged: ['Hư hỏng', 'Damaged'],
    moved: ['Bị dịch chuyển', 'Moved'],
    lost: ['Mất', 'Lost'],
  },
  border: {
    'VN-CN': ['Việt Nam – Trung Quốc', 'Viet Nam – China'],
    'VN-LA': ['Việt Nam – Lào', 'Viet Nam – Laos'],
    'VN-KH': ['Việt Nam – Campuchia', 'Viet Nam – Cambodia'],
  },
  marker_type: {
    main: ['Mốc chính', 'Main marker'],
    secondary: ['Mốc phụ', 'Secondary marker'],
    mark: ['Cọc dấu', 'Mark'],
  },
  marker_form: {
    single: ['Mốc đơn', 'Single'],
    pair: ['Mốc đôi', 'Pair'],
    triple: ['Mốc ba', 'Triple'],
  },
  side: {
    VN: ['Việt Nam', 'Viet Nam'],
    CN: ['Trung Quốc', 'China'],
    LA: ['Lào', 'Laos'],
    KH: ['Campuchia', 'Cambodia'],
    joint: ['Hai bên cùng xây', 'Both sides'],
  },
  segment_kind: {
    land: ['Trên đất liền', 'Land'],
    river: ['Theo sông suối', 'River'],
  },
  gate_kind: {
    international: ['Cửa khẩu quốc tế', 'International gate'],
    main: ['Cửa khẩu chính (song phương)', 'Main (bilateral) gate'],
    secondary: ['Cửa khẩu phụ', 'Secondary gate'],
    opening: ['Lối mở', 'Opening'],
  },
  road_kind: {
    patrol: ['Đường tuần tra biên giới', 'Border patrol road'],
    marker_inspection: ['Đường kiểm tra cột mốc', 'Marker-inspection road'],
  },
  road_condition: {
    good: ['Tốt', 'Good'],
    damaged: ['Hư hỏng', 'Damaged'],
    impassable: ['Không đi được', 'Impassable'],
  },
};

// The codes of a group of values, in the order above (for <select>s).
export function valueCodes(group) {
  return Object.keys(VALUES[group] || {});
}

// Unit kinds and roles, as the server names them.
const KINDS = {
  nation: ['Quốc gia', 'Nation'],
  province: ['Tỉnh', 'Province'],
  force_command: ['Bộ chỉ huy / Ban chỉ huy', 'Force command'],
  district: ['Huyện', 'District'],
  commune: ['Xã', 'Commune'],
  ward: ['Phường/Thị trấn', 'Ward / township'],
  village: ['Thôn/Bản', 'Village'],
  border_post: ['Đồn Biên phòng', 'Border post'],
  agency: ['Cơ quan', 'Agency'],
};
export const KIND_CODES = Object.keys(KINDS);

const ROLES = {
  viewer: ['Xem', 'Viewer'],
  editor: ['Nhập liệu', 'Editor'],
  unit_admin: ['Quản trị đơn vị', 'Unit administrator'],
  admin: ['Quản trị hệ thống', 'System administrator'],
};
export const ROLE_CODES = Object.keys(ROLES);

function stored() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(v) ? v : 'vi';
  } catch {
    return 'vi'; // storage may be off; Vietnamese is the default anyway
  }
}

let lang = stored();

export function getLang() {
  return lang;
}

// Sets and remembers the language; the caller re-renders.
export function setLang(l) {
  lang = LANGS.includes(l) ? l : 'vi';
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* not remembered */ }
  document.documentElement.lang = lang;
  document.title = t('app.name');
}

function pick(pair, l = lang) {
  return pair[l === 'en' ? 1 : 0];
}

function format(l, key, vars) {
  const pair = STRINGS[key];
  if (!pair) return key; // a missing key shows itself, so it is found in review
  let s = pick(pair, l);
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

export function t(key, vars) {
  return format(lang, key, vars);
}

// A message in both languages, shaped like the server's errors, so that
// switching the language after the message appeared still translates it.
export function both(key, vars) {
  return { message_vi: format('vi', key, vars), message_en: format('en', key, vars) };
}

export function kindLabel(kind) {
  return KINDS[kind] ? pick(KINDS[kind]) : kind;
}

export function roleLabel(role) {
  return ROLES[role] ? pick(ROLES[role]) : role;
}

// A registry value in the user's language ('condition', 'good' → "Tốt");
// a value this UI does not know yet is shown as the server sent it.
export function valueLabel(group, v) {
  if (v === null || v === undefined || v === '') return '';
  const pair = VALUES[group] && VALUES[group][v];
  return pair ? pick(pair) : String(v);
}

// Numbers the Vietnamese way in both languages (DESIGN.md): "." between
// thousands and "," before the decimals: 14.000; 70,5. At most `digits`
// decimals, trailing zeros dropped. Not Intl: the same on every browser.
export function fmtNum(x, digits = 2) {
  if (x === null || x === undefined || x === '') return '';
  const n = Number(x);
  if (!Number.isFinite(n)) return String(x);
  let s = Math.abs(n).toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  const [i, f] = s.split('.');
  const neg = n < 0 && /[1-9]/.test(s);
  return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${f ? `,${f}` : ''}`;
}

// A length in km: 70,5 km; 1,25 km (two decimals under 10 km).
export function fmtKm(x) {
  if (x === null || x === undefined || x === '') return '';
  return `${fmtNum(x, Math.abs(Number(x)) < 10 ? 2 : 1)} km`;
}

// Money in VNĐ the way reports write it: "3,125 tỷ đồng", "120 triệu đồng".
export function fmtVnd(x) {
  if (x === null || x === undefined || x === '') return '';
  const n = Number(x);
  if (!Number.isFinite(n)) return String(x);
  if (Math.abs(n) >= 1e9) return t('money.billion', { v: fmtNum(n / 1e9, 3) });
  if (Math.abs(n) >= 1e6) return t('money.million', { v: fmtNum(n / 1e6, 1) });
  return t('money.dong', { v: fmtNum(n, 0) });
}

// A decimal number as typed by a Vietnamese user ("21,97145") or an
// English one ("21.97145"); NaN when it is not one. Thousands separators
// are not accepted: coordinates and heights do not need them.
export function parseNum(s) {
  const v = String(s ?? '').trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
}

// The server's error in the user's language.
export function apiMessage(err) {
  if (!err) return '';
  if (err.message_vi || err.message_en) {
    return (lang === 'en' ? err.message_en : err.message_vi) || err.message_vi || err.message_en;
  }
  return err.message || String(err);
}

// Today on this computer's clock, as YYYY-MM-DD (local time, not UTC: at
// 06:00 in Hà Nội the UTC date is still yesterday).
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// The server's start date for a unit whose real start is not known.
const START_UNKNOWN = '1900-01-01';

// YYYY-MM-DD → dd/mm/yyyy, the way Vietnamese documents write dates.
export function fmtDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// A unit exists on [valid_from, valid_to): the server's valid_to is the
// first day it no longer exists (the day of the merge). People say "until
// 30/06/2025", so the last day shown is the one before.
export function lastDay(validTo) {
  const d = new Date(`${validTo}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return validTo;
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function fmtRange(from, to) {
  return t('unit.range', {
    from: !from || from === START_UNKNOWN ? t('unknown') : fmtDate(from),
    to: to ? fmtDate(lastDay(to)) : t('unit.now'),
  });
}

setLang(lang);
