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
  'nav.activities': ['Hoạt động phong trào', 'Activities'],
  'nav.catalog': ['Danh mục chỉ tiêu', 'Indicator catalog'],
  'nav.households': ['Hộ, tập thể tự quản', 'Self-managing households'],
  'nav.groups': ['Tổ an ninh, tự quản', 'Security groups'],
  'nav.twinnings': ['Kết nghĩa', 'Twinnings'],
  'nav.stocks': ['Số liệu tự quản', 'Self-management figures'],

  // People's participation (households.js, groups.js, twinnings.js, stocks.js)
  'hh.title': ['Hộ gia đình, tập thể tự quản', 'Self-managing households and collectives'],
  'hh.kind': ['Loại', 'Kind'],
  'hh.kind.household': ['Hộ gia đình', 'Household'],
  'hh.kind.collective': ['Tập thể', 'Collective'],
  'hh.active_on': ['Đang hoạt động ngày', 'Active on'],
  'hh.search': ['Tìm theo tên, thôn, số điện thoại', 'Search by name, village, phone'],
  'hh.empty': ['Chưa có hộ, tập thể nào.', 'No household or collective yet.'],
  'hh.more': ['Xem thêm', 'More'],
  'hh.name': ['Tên (chủ hộ, tập thể)', 'Name (head, collective)'],
  'hh.village': ['Thôn, bản', 'Village'],
  'hh.village_name': ['Tên thôn, bản (nếu chưa có trong cây đơn vị)', 'Village name (when not in the unit tree)'],
  'hh.unit': ['Đơn vị (mã thôn hoặc xã)', 'Unit (village or commune code)'],
  'hh.unit_hint': ['Mã thôn trong cây đơn vị, hoặc mã xã, phường.', 'A village code of the unit tree, or the commune or ward code.'],
  'hh.phone': ['Số điện thoại', 'Phone'],
  'hh.people': ['Số nhân khẩu', 'People'],
  'hh.add': ['Thêm hộ, tập thể', 'Add a household or collective'],
  'hh.no_id': ['Không ghi số CCCD hay giấy tờ tùy thân: chỉ cần họ tên, thôn bản, số điện thoại.',
    'No identity numbers: a name, the village and a phone are enough.'],
  'hh.created': ['Đã thêm {name}.', '{name} added.'],
  'hh.registrations': ['Đăng ký tự quản đường biên, mốc quốc giới', 'Self-management registrations'],
  'hh.no_registrations': ['Chưa đăng ký tự quản.', 'No registration yet.'],
  'hh.post': ['Đồn Biên phòng', 'Border post'],
  'hh.from': ['Từ ngày', 'From'],
  'hh.to': ['Đến ngày', 'To'],
  'hh.open': ['nay', 'open'],
  'hh.km': ['Số km', 'Km'],
  'hh.segments': ['Đoạn biên giới', 'Border segments'],
  'hh.markers': ['Cột mốc', 'Markers'],
  'hh.end': ['Kết thúc hôm nay', 'End today'],
  'hh.reg_add': ['Thêm đăng ký tự quản', 'Add a registration'],
  'hh.reg_save': ['Lưu đăng ký', 'Save registration'],
  'hh.reg_added': ['Đã thêm đăng ký tự quản.', 'Registration added.'],
  'hh.reg_ended': ['Đã kết thúc đăng ký.', 'Registration ended.'],
  'hh.multi_hint': ['Giữ Ctrl để chọn nhiều.', 'Hold Ctrl to choose several.'],
  'grp.title': ['Tổ an ninh trật tự, tự quản', 'Security and self-management groups'],
  'grp.kind': ['Loại tổ', 'Kind of group'],
  'grp.kind.tu_quan_antt': ['Tổ tự quản ANTT thôn, bản', 'Village self-managed security group'],
  'grp.kind.bao_ve_antt': ['Tổ bảo vệ ANTT ở cơ sở', 'Grassroots security protection group'],
  'grp.kind.tau_thuyen': ['Tổ tàu thuyền an toàn', 'Safe-vessel group'],
  'grp.role.leader': ['Tổ trưởng', 'Leader'],
  'grp.role.deputy': ['Tổ phó', 'Deputy'],
  'grp.role.member': ['Tổ viên', 'Member'],
  'grp.founded': ['Thành lập', 'Founded'],
  'grp.dissolved': ['Giải thể', 'Dissolved'],
  'grp.members': ['Thành viên', 'Members'],
  'grp.members_hint': ['Mỗi dòng một người: “Họ tên; leader|deputy|member”.', 'One a line: “Name; leader|deputy|member”.'],
  'grp.empty': ['Chưa có tổ nào.', 'No group yet.'],
  'grp.add': ['Thêm tổ', 'Add a group'],
  'grp.created': ['Đã thêm {name}.', '{name} added.'],
  'tw.title': ['Kết nghĩa cụm dân cư hai bên biên giới', 'Twinned clusters across the border'],
  'tw.ours': ['Thôn, xã bên ta', 'Our village or commune'],
  'tw.other': ['Cụm dân cư bên kia', 'Cluster on the other side'],
  'tw.country': ['Nước', 'Country'],
  'tw.country.CN': ['Trung Quốc', 'China'],
  'tw.country.LA': ['Lào', 'Laos'],
  'tw.country.KH': ['Campuchia', 'Cambodia'],
  'tw.signed': ['Ngày ký', 'Signed'],
  'tw.ended': ['Ngày chấm dứt', 'Ended'],
  'tw.empty': ['Chưa có cặp kết nghĩa nào.', 'No twinning yet.'],
  'tw.add': ['Thêm cặp kết nghĩa', 'Add a twinning'],
  'tw.created': ['Đã thêm cặp kết nghĩa.', 'Twinning added.'],
  'st.title': ['Số liệu tự quản đến ngày', 'Self-management figures as of a date'],
  'st.date': ['Đến ngày', 'As of'],
  'st.show': ['Xem', 'Show'],
  'st.collectives': ['Tập thể tự quản', 'Collectives'],
  'st.households': ['Hộ gia đình tự quản', 'Households'],
  'st.people': ['Nhân khẩu', 'People'],
  'st.km': ['Đường biên tự quản', 'Border line self-managed'],
  'st.markers': ['Cột mốc tự quản', 'Markers self-managed'],
  'st.markers_v': ['{total} (chính {main}, phụ {secondary})', '{total} (main {main}, secondary {secondary})'],
  'st.groups_v': ['{groups} tổ, {members} thành viên', '{groups} groups, {members} members'],
  'st.twinnings': ['Cặp kết nghĩa', 'Twinning pairs'],
  'nav.documents': ['Văn bản chỉ đạo', 'Documents'],
  'nav.tasks': ['Nhiệm vụ', 'Tasks'],

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
  // Direction: documents (pages/documents.js) and tasks (pages/tasks.js)
  'doc.title': ['Văn bản chỉ đạo', 'Documents of direction'],
  'doc.intro': ['Nghị quyết, kết luận, quyết định, kế hoạch… của Trung ương, tỉnh và đơn vị bạn, và văn bản nào thực hiện văn bản nào.',
    'Resolutions, conclusions, decisions, plans… of the Centre, the province and your unit, and which carries out which.'],
  'doc.kind': ['Loại văn bản', 'Kind'],
  'doc.kind_auto': ['(theo ký hiệu)', '(from the symbol)'],
  'doc.year': ['Năm', 'Year'],
  'doc.search': ['Tìm theo số, ký hiệu hoặc trích yếu', 'Search by number or title'],
  'doc.number': ['Số, ký hiệu', 'Number and symbol'],
  'doc.number_hint': ['Như ghi trên văn bản, ví dụ 05/KH-UBND, 89/QĐ-TTg, 99-KL/TW.', 'As written on the document, e.g. 05/KH-UBND, 89/QĐ-TTg, 99-KL/TW.'],
  'doc.issued_on': ['Ngày ban hành', 'Issued on'],
  'doc.issuing_body': ['Cơ quan ban hành', 'Issued by'],
  'doc.issuing_body_hint': ['Ví dụ UBND xã Kháng Chiến', 'E.g. UBND xã Kháng Chiến'],
  'doc.doc_title': ['Trích yếu', 'Title'],
  'doc.summary': ['Nội dung chính', 'Summary'],
  'doc.implements': ['Thực hiện văn bản', 'Carries out'],
  'doc.implements_none': ['(không thực hiện văn bản nào)', '(carries out no document)'],
  'doc.unit': ['Đơn vị ban hành', 'Issuing unit'],
  'doc.unit_hint': ['Mã đơn vị; để trống: văn bản của Trung ương, Chính phủ.', 'Unit code; empty: a national document.'],
  'doc.national': ['Trung ương, Chính phủ', 'National'],
  'doc.empty': ['Không có văn bản nào khớp với bộ lọc.', 'No document matches the filters.'],
  'doc.add': ['Thêm văn bản', 'Add a document'],
  'doc.create': ['Lưu văn bản', 'Save the document'],
  'doc.created': ['Đã lưu văn bản {number}.', 'Document {number} was saved.'],
  'doc.unparsed': ['Số, ký hiệu chưa đúng dạng thường gặp: đã lưu nguyên văn.', 'The number and symbol fits no usual form: kept as written.'],
  'doc.back': ['← Danh sách văn bản', '← All documents'],
  'doc.cascade': ['Chuỗi văn bản', 'The cascade'],
  'doc.cascade_hint': ['Văn bản cấp trên mà văn bản này thực hiện, và các văn bản cấp dưới thực hiện nó.', 'The documents above that this one carries out, and those below that carry it out.'],
  'doc.this': ['(văn bản này)', '(this document)'],
  'doc.hidden': ['(văn bản ngoài phạm vi của bạn)', '(a document outside your reach)'],
  'doc.tasks_count': ['{n} nhiệm vụ', '{n} task(s)'],
  'doc.tasks_overdue': ['{n} quá hạn', '{n} overdue'],
  'doc.tasks_done': ['{n} hoàn thành', '{n} done'],
  'doc.files': ['Tệp đính kèm', 'Attached files'],
  'doc.files_none': ['Chưa có tệp nào.', 'No file yet.'],
  'doc.file_pick': ['Chọn tệp (PDF, Word, Excel, ODT, ảnh JPEG/PNG; tối đa 10 MB)', 'Choose a file (PDF, Word, Excel, ODT, JPEG/PNG image; at most 10 MB)'],
  'doc.upload': ['Tải lên', 'Upload'],
  'doc.uploaded': ['Đã tải lên {name}.', '{name} was uploaded.'],
  'doc.file_remove': ['Xóa tệp', 'Remove'],
  'doc.file_confirm': ['Xóa tệp {name}?', 'Remove {name}?'],
  'doc.tasks': ['Nhiệm vụ giao theo văn bản', 'Tasks given by this document'],
  'doc.conferences': ['Hội nghị đã quán triệt, triển khai văn bản', 'Conferences that disseminated this document'],
  'doc.conferences_none': ['Chưa có hội nghị nào (trong phạm vi của bạn) quán triệt văn bản này.', 'No conference (in your scope) has disseminated this document yet.'],
  'doc.tasks_none': ['Chưa giao nhiệm vụ nào.', 'No task given yet.'],
  'doc.symbol_parsed': ['Đọc được: số {number}, loại {kind}, cơ quan {issuer}', 'Read as: number {number}, kind {kind}, issuer {issuer}'],
  'doc.symbol_flag': ['Chưa đọc được số, ký hiệu', 'Number and symbol not read'],
  'task.title': ['Nhiệm vụ', 'Tasks'],
  'task.intro': ['Nhiệm vụ giao cho đơn vị bạn và các đơn vị trực thuộc. Nhiệm vụ quá hạn tô đỏ.', 'Tasks given to your unit and the units under it. Overdue tasks are in red.'],
  'task.name': ['Nội dung nhiệm vụ', 'Task'],
  'task.lead': ['Đơn vị chủ trì', 'Lead unit'],
  'task.supporting': ['Đơn vị phối hợp', 'Supporting units'],
  'task.supporting_hint': ['Các mã đơn vị, cách nhau bằng dấu phẩy', 'Unit codes, separated by commas'],
  'task.due_on': ['Hạn hoàn thành', 'Due'],
  'task.no_due': ['(không hạn)', '(no due date)'],
  'task.status': ['Tình trạng', 'Status'],
  'task.progress': ['Tiến độ (%)', 'Progress (%)'],
  'task.overdue': ['Quá hạn', 'Overdue'],
  'task.late': ['Hoàn thành muộn', 'Done late'],
  'task.only_overdue': ['Chỉ nhiệm vụ quá hạn', 'Overdue only'],
  'task.unit_filter': ['Đơn vị', 'Unit'],
  'task.all_units': ['Tất cả đơn vị trong phạm vi', 'Every unit in scope'],
  'task.document': ['Theo văn bản', 'From document'],
  'task.none': ['Không có nhiệm vụ.', 'No task.'],
  'task.add': ['Giao nhiệm vụ', 'Give a task'],
  'task.create': ['Giao nhiệm vụ', 'Give the task'],
  'task.created': ['Đã giao nhiệm vụ.', 'The task was given.'],
  'task.back': ['← Bảng nhiệm vụ', '← Task board'],
  'task.updates': ['Báo cáo tiến độ', 'Progress reports'],
  'task.updates_none': ['Chưa có báo cáo nào.', 'No report yet.'],
  'task.update_add': ['Ghi báo cáo tiến độ mới', 'New progress report'],
  'task.update_date': ['Ngày báo cáo', 'Date'],
  'task.update_note': ['Ghi chú', 'Note'],
  'task.update_save': ['Lưu báo cáo', 'Save the report'],
  'task.update_saved': ['Đã lưu báo cáo tiến độ.', 'The progress report was saved.'],
  'task.done_closed': ['Nhiệm vụ đã hoàn thành ngày {date}; không ghi thêm tiến độ.', 'The task was done on {date}; no more progress is recorded.'],
  'task.recorded_by': ['Người ghi', 'Recorded by'],
  'task.notes': ['Ghi chú', 'Notes'],
  'task.open': ['Xem bảng nhiệm vụ', 'Open the task board'],

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

  // People's participation: the list of activities
  'act.title': ['Hoạt động phong trào toàn dân bảo vệ biên giới', 'Activities of the people’s border defense movement'],
  'act.new': ['+ Nhập hoạt động', '+ Enter an activity'],
  'act.import': ['Nhập nhiều từ tệp CSV', 'Bulk entry from a CSV file'],
  'act.category': ['Nhóm hoạt động', 'Category'],
  'act.type': ['Loại hoạt động', 'Activity type'],
  'act.unit': ['Đơn vị', 'Unit'],
  'act.unit_filter': ['Đơn vị (gồm cả đơn vị trực thuộc)', 'Unit (with the units under it)'],
  'act.all_units': ['Tất cả đơn vị trong phạm vi', 'All units in scope'],
  'act.from': ['Từ ngày', 'From'],
  'act.to': ['Đến ngày', 'To'],
  'act.search': ['Tìm theo nội dung', 'Search the titles'],
  'act.period_read': ['Hoạt động từ {from} đến {to}', 'Activities from {from} to {to}'],
  'act.clear_filters': ['Bỏ lọc', 'Clear the filters'],
  'act.date': ['Ngày', 'Date'],
  'act.title_col': ['Nội dung', 'Title'],
  'act.values': ['Kết quả', 'Results'],
  'act.empty': ['Chưa có hoạt động nào trong phạm vi của bạn.', 'No activity in your scope yet.'],
  'act.empty_filtered': ['Không có hoạt động nào khớp với bộ lọc.', 'No activity matches the filters.'],
  'act.all_shown': ['đã hiện hết', 'all shown'],

  // One activity: the entry form and its page
  'actf.back': ['← Danh sách hoạt động', '← All activities'],
  'actf.new_title': ['Nhập hoạt động', 'Enter an activity'],
  'actf.what': ['Hoạt động', 'Activity'],
  'actf.choose_type': ['— Chọn loại hoạt động —', '— Choose the activity type —'],
  'actf.other_category': ['Khác', 'Other'],
  'actf.title': ['Nội dung hoạt động', 'Title'],
  'actf.title_hint': ['Ví dụ: Tuyên truyền Luật Biên phòng tại thôn Bản Chắt', 'E.g. Outreach on the Border Guard Law in Bản Chắt village'],
  'actf.unit_hint': ['Đơn vị ghi nhận hoạt động này.', 'The unit this activity is counted for.'],
  'actf.when': ['Thời gian', 'When'],
  'actf.one_day': ['Trong một ngày', 'One day'],
  'actf.several_days': ['Nhiều ngày', 'Several days'],
  // The browser writes a date field in its own language's order (a
  // browser in English shows 09/03/2025 for 3 September); this line says
  // the chosen dates the Vietnamese way.
  'actf.date_read': ['Đã chọn: {period} (ngày/tháng/năm)', 'Chosen: {period} (day/month/year)'],
  'actf.to_before_from': ['Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.', 'The end date must not be before the start date.'],
  'actf.results': ['Kết quả (chỉ tiêu)', 'Results (indicators)'],
  'actf.choose_type_first': ['Chọn loại hoạt động ở trên để hiện các chỉ tiêu cần nhập.', 'Choose the activity type above to see what to enter.'],
  'actf.no_indicators': ['Loại hoạt động này không có chỉ tiêu nào.', 'This activity type has no indicators.'],
  'actf.required_note': ['Ô có dấu * là bắt buộc. Nhập số, không cần dấu chấm ngăn cách hàng nghìn.',
    'Fields marked * are required. Type the number; no thousands separators needed.'],
  'actf.integer_hint': ['Số nguyên', 'Whole number'],
  'actf.decimal_hint': ['Có thể có phần thập phân, ví dụ 2,5', 'May have decimals, e.g. 2.5'],
  'actf.value_required': ['Xin nhập “{name}”: chỉ tiêu này bắt buộc.', 'Please enter “{name}”: it is required.'],
  'actf.not_number': ['“{v}” không phải là số.', '“{v}” is not a number.'],
  'actf.not_integer': ['Phải là số nguyên ({unit}).', 'Must be a whole number ({unit}).'],
  'actf.negative': ['Không được là số âm.', 'Must not be negative.'],
  'actf.too_many_decimals': ['Tối đa {n} chữ số sau dấu phẩy.', 'At most {n} decimals.'],
  'actf.kept_values': ['Số liệu cũ được giữ nguyên (chỉ tiêu đã ngừng dùng hoặc không còn trong loại hoạt động này): {values}.',
    'Earlier figures kept as they are (indicators retired or no longer in this type): {values}.'],
  'actf.where_who': ['Địa điểm và đơn vị tham gia', 'Place and units'],
  'actf.place': ['Địa điểm', 'Place'],
  'actf.place_none': ['Không ghi', 'Not given'],
  'actf.place_marker': ['Tại cột mốc', 'At a border marker'],
  'actf.place_point': ['Theo tọa độ', 'By coordinates'],
  'actf.marker_search': ['Tìm cột mốc theo số hiệu', 'Find a marker by its number'],
  'actf.marker': ['Cột mốc', 'Marker'],
  'actf.marker_choose': ['— Chọn cột mốc —', '— Choose a marker —'],
  'actf.marker_none_found': ['(không tìm thấy cột mốc nào)', '(no marker found)'],
  'actf.marker_required': ['Xin chọn cột mốc, hoặc chọn “Không ghi”.', 'Please choose a marker, or “Not given”.'],
  'actf.lat_hint': ['Độ thập phân, ví dụ 22,1', 'Decimal degrees, e.g. 22.1'],
  'actf.lon_hint': ['Độ thập phân, ví dụ 106,7', 'Decimal degrees, e.g. 106.7'],
  'actf.bad_lat': ['Vĩ độ phải là số từ -90 đến 90.', 'The latitude must be a number from -90 to 90.'],
  'actf.bad_lon': ['Kinh độ phải là số từ -180 đến 180.', 'The longitude must be a number from -180 to 180.'],
  'actf.organisers': ['Đơn vị tổ chức', 'Organised by'],
  'actf.participants': ['Đơn vị tham gia', 'Units taking part'],
  'actf.units_hint': ['Chọn trong danh sách hoặc gõ mã đơn vị, rồi bấm “Thêm”.', 'Choose from the list or type a unit code, then press “Add”.'],
  'actf.units_placeholder': ['Tên hoặc mã đơn vị', 'Unit name or code'],
  'actf.add': ['Thêm', 'Add'],
  'actf.remove': ['Bỏ {name}', 'Remove {name}'],
  'actf.notes': ['Ghi chú', 'Notes'],
  'actf.fix_marked': ['Chưa lưu: xin sửa {n} ô được đánh dấu đỏ.', 'Not saved: please correct the {n} fields marked in red.'],
  'actf.saving': ['Đang lưu…', 'Saving…'],
  'actf.saved': ['Đã lưu hoạt động.', 'The activity was saved.'],
  'actf.another': ['Nhập hoạt động khác', 'Enter another'],
  'actf.to_list': ['Xem danh sách hoạt động', 'See the list of activities'],
  'actf.delete': ['Xóa hoạt động', 'Delete the activity'],
  'actf.delete_confirm': ['Xóa hoạt động “{title}”? Các số liệu của nó sẽ không còn được tính.', 'Delete the activity “{title}”? Its figures will no longer be counted.'],
  'actf.deleted': ['Đã xóa hoạt động “{title}”.', 'The activity “{title}” was deleted.'],

  // Bulk entry
  'imp.title': ['Nhập nhiều hoạt động từ tệp', 'Bulk entry of activities'],
  'imp.intro': ['Mỗi dòng của tệp là một hoạt động. Tệp được nhận toàn bộ hoặc không nhận dòng nào: nếu có dòng sai, không có gì được lưu và danh sách các dòng sai hiện ra để sửa.',
    'Each line of the file is one activity. The file is taken whole or not at all: if a line is wrong, nothing is stored and the wrong lines are listed for correction.'],
  'imp.step_template': ['Tải mẫu của loại hoạt động', 'Download the template of the activity type'],
  'imp.columns': ['Các cột chỉ tiêu:', 'Indicator columns:'],
  'imp.required': ['bắt buộc', 'required'],
  'imp.download_csv': ['Tải mẫu CSV', 'Download the CSV template'],
  'imp.download_xlsx': ['Tải mẫu Excel (XLSX)', 'Download the Excel (XLSX) template'],
  'imp.template_note': ['Điền mẫu bằng Excel hoặc LibreOffice, rồi lưu dưới dạng “CSV UTF-8”.',
    'Fill the template in Excel or LibreOffice, then save it as “CSV UTF-8”.'],
  'imp.step_upload': ['Tải tệp đã điền lên', 'Upload the filled file'],
  'imp.file': ['Tệp CSV', 'CSV file'],
  'imp.file_hint': ['Tệp CSV mã UTF-8, dòng đầu là tên cột như trong mẫu.', 'A UTF-8 CSV file whose first line names the columns as in the template.'],
  'imp.upload': ['Tải lên và lưu', 'Upload and store'],
  'imp.uploading': ['Đang kiểm tra và lưu…', 'Checking and storing…'],
  'imp.stored': ['Đã lưu {n} hoạt động từ tệp “{name}”.', '{n} activities from “{name}” were stored.'],
  'imp.done': ['Đã nhận tệp “{name}”.', 'The file “{name}” was taken.'],
  'imp.nothing_stored': ['Không có hoạt động nào từ tệp “{name}” được lưu.', 'Nothing from “{name}” was stored.'],
  'imp.bad_lines': ['Các dòng cần sửa ({n}):', 'Lines to correct ({n}):'],
  'imp.line': ['Dòng', 'Line'],
  'imp.column': ['Cột', 'Column'],
  'imp.code': ['Mã lỗi', 'Code'],
  'imp.reason': ['Lý do', 'Reason'],
  'imp.whole_file': ['cả tệp', 'whole file'],

  // The catalog
  'cat.title': ['Danh mục chỉ tiêu và loại hoạt động', 'Catalog of indicators and activity types'],
  'cat.intro': ['Loại hoạt động và chỉ tiêu thêm ở đây có ngay trên mẫu nhập và mẫu tệp. Ngừng dùng một mục thì không nhập mới được, nhưng số liệu cũ vẫn giữ.',
    'Types and indicators added here appear at once on the entry form and the file templates. A retired entry takes no new figures; its history stays.'],
  'cat.show_retired': ['Hiện cả các mục đã ngừng dùng ({n})', 'Show the retired entries too ({n})'],
  'cat.types': ['Loại hoạt động', 'Activity types'],
  'cat.indicators_title': ['Chỉ tiêu', 'Indicators'],
  'cat.name': ['Tên', 'Name'],
  'cat.code': ['Mã', 'Code'],
  'cat.category': ['Nhóm', 'Category'],
  'cat.choose_category': ['— Chọn nhóm —', '— Choose a category —'],
  'cat.indicators': ['Chỉ tiêu (* là bắt buộc)', 'Indicators (* required)'],
  'cat.required_legend': ['Dấu * sau tên chỉ tiêu: bắt buộc nhập.', 'A * after an indicator: required.'],
  'cat.actions': ['Thao tác', 'Actions'],
  'cat.unit': ['Đơn vị tính', 'Unit'],
  'cat.value_type': ['Kiểu số', 'Kind of number'],
  'cat.aggregation': ['Cách tổng hợp', 'Aggregation'],
  'cat.negative': ['Được âm', 'Negative allowed'],
  'cat.yes': ['Có', 'Yes'],
  'cat.no': ['Không', 'No'],
  'cat.retired': ['đã ngừng dùng', 'retired'],
  'cat.edit': ['Sửa', 'Edit'],
  'cat.retire': ['Ngừng dùng', 'Retire'],
  'cat.unretire': ['Dùng lại', 'Bring back'],
  'cat.retired_done': ['Đã ngừng dùng “{name}”.', '“{name}” was retired.'],
  'cat.unretired_done': ['Đã dùng lại “{name}”.', '“{name}” is in use again.'],
  'cat.add_type': ['+ Thêm loại hoạt động mới', '+ Add a new activity type'],
  'cat.add_type_btn': ['Thêm loại hoạt động', 'Add the type'],
  'cat.add_indicator': ['+ Thêm chỉ tiêu mới', '+ Add a new indicator'],
  'cat.add_indicator_btn': ['Thêm chỉ tiêu', 'Add the indicator'],
  'cat.edit_type': ['Sửa loại hoạt động “{name}”', 'Edit the activity type “{name}”'],
  'cat.edit_indicator': ['Sửa chỉ tiêu “{name}”', 'Edit the indicator “{name}”'],
  'cat.type_added': ['Đã thêm loại hoạt động “{name}”.', 'The activity type “{name}” was added.'],
  'cat.type_saved': ['Đã lưu loại hoạt động “{name}”.', 'The activity type “{name}” was saved.'],
  'cat.indicator_added': ['Đã thêm chỉ tiêu “{name}”.', 'The indicator “{name}” was added.'],
  'cat.indicator_saved': ['Đã lưu chỉ tiêu “{name}”.', 'The indicator “{name}” was saved.'],
  'cat.code_hint_ind': ['Chữ thường không dấu, số và “_”, ví dụ so_cay. Không đổi được sau khi thêm.',
    'Lower-case letters, digits and “_”, e.g. trees_planted. Cannot be changed later.'],
  'cat.code_hint_type': ['Chữ thường không dấu, số và “_”, ví dụ trong_cay. Là tên cột trong tệp nhập; không đổi được sau khi thêm.',
    'Lower-case letters, digits and “_”, e.g. tree_planting. Cannot be changed later.'],
  'cat.bad_code': ['Mã chỉ gồm chữ thường không dấu, số và “_”, bắt đầu bằng một chữ.',
    'A code has lower-case letters, digits and “_”, and starts with a letter.'],
  'cat.name_vi': ['Tên tiếng Việt', 'Vietnamese name'],
  'cat.name_en': ['Tên tiếng Anh', 'English name'],
  'cat.name_vi_hint_ind': ['Ví dụ: Số cây trồng', 'E.g. Số cây trồng'],
  'cat.name_vi_hint_type': ['Ví dụ: Trồng cây xanh khu vực biên giới', 'E.g. Trồng cây xanh khu vực biên giới'],
  'cat.unit_vi': ['Đơn vị tính (tiếng Việt)', 'Unit (Vietnamese)'],
  'cat.unit_vi_hint': ['Ví dụ: buổi, lượt người, km, đồng', 'E.g. buổi, lượt người, km, đồng'],
  'cat.unit_en': ['Đơn vị tính (tiếng Anh)', 'Unit (English)'],
  'cat.allow_negative': ['Cho phép số âm (ví dụ: mức thay đổi)', 'Negative values allowed (e.g. a change)'],
  'cat.type_indicators': ['Chỉ tiêu của loại hoạt động, theo thứ tự trên mẫu nhập', 'Its indicators, in the order of the entry form'],
  'cat.type_indicators_hint': ['Đánh dấu “Bắt buộc” cho chỉ tiêu phải nhập mỗi lần.', 'Tick “Required” for the indicators that must be entered every time.'],
  'cat.no_indicators': ['Xin thêm ít nhất một chỉ tiêu.', 'Please add at least one indicator.'],
  'cat.order': ['TT', 'No.'],
  'cat.indicator': ['Chỉ tiêu', 'Indicator'],
  'cat.required': ['Bắt buộc', 'Required'],
  'cat.move_up': ['Đưa “{name}” lên', 'Move “{name}” up'],
  'cat.move_down': ['Đưa “{name}” xuống', 'Move “{name}” down'],
  'cat.choose_indicator': ['— Chọn chỉ tiêu để thêm —', '— Choose an indicator to add —'],
  'cat.add_to_type': ['Thêm chỉ tiêu này', 'Add this indicator'],
  // Coordination: conferences, agreements, commendations
  'nav.conferences': ['Hội nghị', 'Conferences'],
  'nav.agreements': ['Quy chế phối hợp', 'Coordination agreements'],
  'nav.commendations': ['Khen thưởng', 'Commendations'],
  'co.unit_code': ['Mã đơn vị', 'Unit code'],
  'co.unit_hint': ['Mã hoặc tên trong danh sách, ví dụ KHANGCHIEN.', 'A code from the list, e.g. KHANGCHIEN.'],
  'co.units_hint': ['Mã các đơn vị, cách nhau bằng dấu phẩy (ví dụ DBP-BINHNGHI, BANBDBP-LS).', 'Unit codes separated by commas (e.g. DBP-BINHNGHI, BANBDBP-LS).'],
  'co.add_row': ['+ Thêm dòng', '+ Add a row'],
  'co.remove_row': ['Bỏ dòng này', 'Remove this row'],
  'co.from': ['Từ ngày', 'From'],
  'co.to': ['Đến ngày', 'To'],
  'co.all': ['Tất cả', 'All'],
  'co.more': ['Xem thêm', 'Show more'],
  'co.edit': ['Sửa', 'Edit'],
  'co.delete': ['Xóa', 'Delete'],
  'co.delete_confirm': ['Xóa bản ghi này? Không thể hoàn tác.', 'Delete this record? This cannot be undone.'],
  'co.deleted': ['Đã xóa.', 'Deleted.'],
  'co.saved': ['Đã lưu.', 'Saved.'],
  'co.none': ['—', '—'],
  'co.notes': ['Ghi chú', 'Notes'],
  'co.unit_filter': ['Đơn vị', 'Unit'],
  'co.not_found_docs': ['(chưa có danh sách văn bản trên máy chủ này)', '(no document list on this server yet)'],

  'conf.title': ['Hội nghị, hội đàm, giao ban', 'Conferences, talks and briefings'],
  'conf.kind': ['Loại hội nghị', 'Kind'],
  'conf.name': ['Tên hội nghị', 'Title'],
  'conf.date': ['Ngày', 'Date'],
  'conf.host': ['Đơn vị chủ trì', 'Host unit'],
  'conf.place': ['Địa điểm', 'Place'],
  'conf.chair': ['Chủ trì', 'Chaired by'],
  'conf.attendees': ['Số đại biểu', 'Attendees'],
  'conf.attendees_hint': ['Số người dự, để trống nếu không rõ.', 'Number present; leave empty when not known.'],
  'conf.documents': ['Văn bản được quán triệt', 'Documents disseminated'],
  'conf.participants': ['Đơn vị tham dự', 'Participating units'],
  // conference documents under the documents' read rule
  'conf.doc_no_number': ['(không số)', '(no number)'],
  'conf.docs_hidden': ['Và {n} văn bản khác của đơn vị mà bạn không có quyền xem.', 'And {n} more document(s) of units whose documents you may not read.'],
  'conf.docs_hidden_kept': ['{n} văn bản khác bạn không có quyền xem vẫn được giữ nguyên khi lưu.', '{n} more document(s) you may not read stay linked when you save.'],
  'conf.contributions': ['Tham luận, phát biểu', 'Contributions'],
  'conf.speaker': ['Người trình bày', 'Speaker'],
  'conf.organization': ['Cơ quan, tổ chức', 'Organization'],
  'conf.subject': ['Nội dung', 'Subject'],
  'conf.contrib_hint': ['Theo thứ tự trình bày. Ghi người trình bày hoặc cơ quan (ví dụ “Công an xã”).', 'In the order heard. Give the speaker or the body (e.g. “Công an xã”).'],
  'conf.conclusions': ['Kết luận', 'Conclusions'],
  'conf.empty': ['Chưa có hội nghị nào trong phạm vi của bạn.', 'No conference in your scope yet.'],
  'conf.add': ['Ghi nhận hội nghị', 'Record a conference'],
  'conf.create': ['Lưu hội nghị', 'Save the conference'],
  'conf.created': ['Đã lưu hội nghị “{title}”.', 'The conference “{title}” was saved.'],
  'conf.back': ['← Danh sách hội nghị', '← All conferences'],
  'conf.no_contrib': ['Chưa ghi tham luận.', 'No contribution recorded.'],

  'agr.title': ['Quy chế phối hợp', 'Coordination agreements'],
  'agr.name': ['Tên quy chế', 'Title'],
  'agr.number': ['Số, ký hiệu', 'Number and symbol'],
  'agr.period': ['Thời hạn', 'Period'],
  'agr.period_from': ['Hiệu lực từ', 'Valid from'],
  'agr.period_to': ['Đến', 'Until'],
  'agr.signed_on': ['Ngày ký', 'Signed on'],
  'agr.status': ['Trạng thái', 'Status'],
  'agr.keeper': ['Đơn vị theo dõi', 'Kept by'],
  'agr.parties': ['Các bên', 'Parties'],
  'agr.commitments': ['Nội dung cam kết', 'Commitments'],
  'agr.commitment': ['Cam kết', 'Commitment'],
  'agr.party': ['Bên chủ trì', 'Responsible party'],
  'agr.due_on': ['Hạn', 'Due'],
  'agr.latest': ['Đánh giá gần nhất', 'Latest evaluation'],
  'agr.reviews': ['Các lần sơ kết, đánh giá', 'Reviews'],
  'agr.no_reviews': ['Chưa có lần đánh giá nào.', 'Not reviewed yet.'],
  'agr.review_date': ['Ngày đánh giá', 'Review date'],
  'agr.result': ['Kết quả chung', 'Overall result'],
  'agr.evaluation': ['Đánh giá', 'Evaluation'],
  'agr.not_evaluated': ['Chưa đánh giá', 'Not evaluated'],
  'agr.review_add': ['Ghi kết quả đánh giá', 'Record a review'],
  'agr.review_submit': ['Lưu kết quả đánh giá', 'Save the review'],
  'agr.review_hint': ['Đánh giá từng cam kết; ngày đánh giá không trước ngày ký ({date}).', 'Evaluate each commitment; the review cannot be dated before the signing ({date}).'],
  'agr.reviewed': ['Đã lưu kết quả đánh giá ngày {date}.', 'The review of {date} was saved.'],
  'agr.renew': ['Gia hạn cho năm sau', 'Renew for the next year'],
  'agr.renew_hint': ['Tạo bản dự thảo cho thời hạn kế tiếp với cùng các bên và nội dung cam kết; hạn cam kết lùi một năm.', 'Makes a draft for the next period with the same parties and commitments, due dates a year on.'],
  'agr.renewed': ['Đã tạo bản dự thảo cho năm sau.', 'The draft for the next year was made.'],
  'agr.renewed_by': ['Đã gia hạn: xem bản dự thảo năm sau →', 'Renewed: see the next year\'s draft →'],
  'agr.renewed_from': ['← Gia hạn từ quy chế trước', '← Renewed from the previous agreement'],
  'agr.draft_note': ['Bản dự thảo: chưa ký nên chưa đánh giá được. Khi ký, bấm “Sửa quy chế”, chọn trạng thái “Đã ký, đang thực hiện” và ghi ngày ký, số ký hiệu.', 'A draft: not signed, so it cannot be reviewed yet. When it is signed, press “Edit the agreement”, set the status to “Signed” and give the signing date and number.'],
  'agr.edit': ['Sửa quy chế', 'Edit the agreement'],
  'agr.review_summary': ['{n} cam kết được đánh giá', '{n} commitments evaluated'],
  'agr.empty': ['Chưa có quy chế nào trong phạm vi của bạn.', 'No agreement in your scope yet.'],
  'agr.add': ['Ghi nhận quy chế phối hợp', 'Record an agreement'],
  'agr.create': ['Lưu quy chế', 'Save the agreement'],
  'agr.created': ['Đã lưu quy chế.', 'The agreement was saved.'],
  'agr.back': ['← Danh sách quy chế', '← All agreements'],
  'agr.party_hint': ['Mã đơn vị, phải là một trong các bên.', 'A unit code; one of the parties.'],

  'com.title': ['Khen thưởng', 'Commendations'],
  'com.level': ['Hình thức', 'Level'],
  'com.number': ['Số quyết định', 'Decision number'],
  'com.issuing_body': ['Cơ quan, người ký tặng', 'Issued by'],
  'com.issuer_level': ['Cấp khen', 'Issuer level'],
  'com.issuer_hint': ['Bằng khen, cờ thi đua: từ cấp tỉnh, bộ trở lên. Giấy khen: mọi cấp.', 'Bằng khen and cờ thi đua: province, ministry or above. Giấy khen: any level.'],
  'com.signer_title': ['Chức vụ người ký', 'Signer\'s title'],
  'com.date': ['Ngày ký', 'Date'],
  'com.reason': ['Lý do khen thưởng', 'Reason'],
  'com.programme': ['Phong trào, chương trình', 'Programme'],
  'com.period': ['Giai đoạn', 'Period'],
  'com.recorder': ['Đơn vị lưu', 'Recorded by'],
  'com.recipients': ['Tập thể, cá nhân được khen', 'Recipients'],
  'com.recipient_kind': ['Loại', 'Kind'],
  'com.recipient_name': ['Tên (ghi như trong quyết định)', 'Name (as in the decision)'],
  'com.counts': ['{n} quyết định · {c} tập thể · {i} cá nhân', '{n} decisions · {c} collectives · {i} individuals'],
  'com.row_counts': ['{c} tập thể, {i} cá nhân', '{c} collectives, {i} individuals'],
  'com.empty': ['Chưa có khen thưởng nào phù hợp.', 'No commendation matches.'],
  'com.add': ['Ghi nhận khen thưởng', 'Record a commendation'],
  'com.create': ['Lưu khen thưởng', 'Save the commendation'],
  'com.created': ['Đã lưu khen thưởng.', 'The commendation was saved.'],
  'com.show': ['Xem danh sách', 'Show recipients'],
  'com.hide': ['Ẩn danh sách', 'Hide recipients'],

  // Dashboard and reports (pages/dashboard.js, pages/reports.js, charts.js)
  'nav.dashboard': ['Tổng quan', 'Overview'],
  'nav.reports': ['Báo cáo', 'Reports'],
  'chart.unavailable': ['Không vẽ được biểu đồ; số liệu vẫn có trong báo cáo.', 'The chart could not be drawn; the figures are in the report.'],
  'dash.title': ['Tổng quan: {unit}', 'Overview: {unit}'],
  'dash.year': ['Năm', 'Year'],
  'dash.compare': ['{period} so với {previous}, số liệu đến thời điểm hiện tại', '{period} against {previous}, figures as of now'],
  'dash.open_report': ['Xem báo cáo đầy đủ', 'Open the full report'],
  'dash.key_figures': ['Số liệu chính', 'Key figures'],
  'dash.by_child': ['{figure}: theo đơn vị trực thuộc', '{figure}: by unit under it'],
  'dash.by_child_none': ['Các đơn vị trực thuộc chưa có số liệu này trong {period}.', 'No unit under it has this figure in {period}.'],
  'dash.no_children': ['Đơn vị không có đơn vị trực thuộc.', 'The unit has no units under it.'],
  'dash.trend': ['{figure}: qua các năm', '{figure}: over the years'],
  'dash.trend_none': ['Chưa có số liệu này trong sáu năm qua.', 'No value of this figure in the last six years.'],
  'dash.trend_sub': ['Từ năm {from} đến năm {to}', 'From {from} to {to}'],
  'dash.tasks': ['Nhiệm vụ đến hạn', 'Tasks due'],
  'dash.tasks_overdue': ['{n} quá hạn', '{n} overdue'],
  'dash.tasks_soon': ['{n} đến hạn trong {days} ngày tới', '{n} due in the next {days} days'],
  'dash.tasks_none': ['Không có nhiệm vụ quá hạn hoặc sắp đến hạn.', 'No task overdue or due soon.'],
  'dash.days_left': ['còn {n} ngày', '{n} days left'],
  'dash.recent': ['Hoạt động mới nhất', 'Latest activities'],
  'dash.all_activities': ['Xem tất cả hoạt động', 'All activities'],
  'dash.reports': ['Báo cáo', 'Reports'],
  'rep.title': ['Báo cáo', 'Reports'],
  'rep.unit': ['Đơn vị báo cáo', 'Unit'],
  'rep.unit_until': ['đến {date}', 'until {date}'],
  'rep.template': ['Mẫu báo cáo', 'Report template'],
  'rep.period': ['Kỳ báo cáo', 'Period'],
  'rep.period_kind': ['Loại kỳ', 'Kind of period'],
  'rep.kind.year': ['Năm', 'Year'],
  'rep.kind.quarter': ['Quý', 'Quarter'],
  'rep.kind.month': ['Tháng', 'Month'],
  'rep.kind.movement': ['Năm phong trào (từ 3/3)', 'Movement year (from 3 March)'],
  'rep.kind.years': ['Giai đoạn nhiều năm', 'Several years'],
  'rep.kind.movement_years': ['Nhiều năm phong trào (sơ kết, tổng kết)', 'Several movement years (reviews)'],
  'rep.kind.range': ['Từ ngày đến ngày', 'From a date to a date'],
  'rep.year': ['Năm', 'Year'],
  'rep.year_from': ['Từ năm', 'From year'],
  'rep.year_to': ['Đến năm', 'To year'],
  'rep.quarter': ['Quý', 'Quarter'],
  'rep.quarter_n': ['Quý {n}', 'Q{n}'],
  'rep.month': ['Tháng', 'Month'],
  'rep.month_n': ['Tháng {n}', 'Month {n}'],
  'rep.date_from': ['Từ ngày', 'From'],
  'rep.date_to': ['Đến ngày', 'To'],
  'rep.movement_hint': ['Năm phong trào tính từ Ngày Biên phòng toàn dân 3/3 đến hết ngày 2/3 năm sau.',
    'A movement year runs from Border Day, 3 March, to 2 March of the next year.'],
  'rep.period_code': ['Mã kỳ', 'Period code'],
  'rep.show': ['Xem báo cáo', 'Show the report'],
  'rep.compared': ['So sánh với {previous}', 'Compared with {previous}'],
  'rep.narrative': ['Nội dung báo cáo', 'Narrative'],
  'rep.round': ['Làm tròn số (hơn, trên, gần)', 'Round the numbers (over, nearly)'],
  'rep.round_on': ['Số đã làm tròn, như khi viết báo cáo tóm tắt.', 'Numbers rounded, as a summary writes them.'],
  'rep.round_off': ['Số chính xác như trong cơ sở dữ liệu.', 'Exact numbers, as recorded.'],
  'rep.downloads': ['Tải về', 'Download'],
  'rep.dl_xlsx': ['Excel (XLSX)', 'Excel (XLSX)'],
  'rep.dl_html': ['Bản in (HTML, khổ A4)', 'Printable (HTML, A4)'],
  'rep.dl_csv': ['CSV', 'CSV'],
  'rep.dl_text': ['Văn bản (TXT)', 'Text (TXT)'],
  'rep.dl_json': ['JSON', 'JSON'],
  'rep.doc': ['Thông tin văn bản (cho bản in và Excel)', 'Document details (for the printable copy and Excel)'],
  'rep.doc_hint': ['Để trống thì lấy theo đơn vị: cơ quan ban hành là tên đơn vị, địa danh là tỉnh, ngày là hôm nay.',
    'Left empty, they come from the unit: the issuing body is its name, the place its province, the date today.'],
  'rep.doc.issuer': ['Cơ quan ban hành', 'Issuing body'],
  'rep.doc.superior': ['Cơ quan cấp trên', 'Superior body'],
  'rep.doc.number': ['Số, ký hiệu', 'Number and symbol'],
  'rep.doc.place': ['Địa danh', 'Place'],
  'rep.doc.date': ['Ngày ban hành', 'Date'],
  'rep.doc.signer_title': ['Chức vụ người ký', 'Signer’s title'],
  'rep.doc.signer': ['Người ký', 'Signer'],
  'rep.doc.recipients': ['Nơi nhận', 'Recipients'],
  'rep.doc.recipients_hint': ['Mỗi nơi nhận một dòng.', 'One recipient a line.'],
  'rep.figure': ['Chỉ tiêu', 'Figure'],
  'rep.unit_of_measure': ['Đơn vị tính', 'Unit of measure'],
  'rep.change': ['Tăng (+), giảm (−)', 'Change'],
  'rep.change_short': ['Tăng, giảm', 'Change'],
  'rep.this_period': ['Kỳ báo cáo', 'This period'],
  'rep.previous_period': ['Kỳ trước', 'Previous period'],
  'rep.by_child': ['Theo đơn vị trực thuộc ({n} đơn vị)', 'By unit under it ({n} units)'],
  'rep.child_unit': ['Đơn vị', 'Unit'],
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
  doc_kind: {
    nghi_quyet: ['Nghị quyết', 'Resolution'],
    ket_luan: ['Kết luận', 'Conclusion'],
    chi_thi: ['Chỉ thị', 'Directive'],
    quyet_dinh: ['Quyết định', 'Decision'],
    ke_hoach: ['Kế hoạch', 'Plan'],
    huong_dan: ['Hướng dẫn', 'Guide'],
    bao_cao: ['Báo cáo', 'Report'],
    quy_che: ['Quy chế', 'Regulation'],
    quy_che_phoi_hop: ['Quy chế phối hợp', 'Coordination agreement'],
    thong_bao: ['Thông báo', 'Notice'],
    nghi_dinh: ['Nghị định', 'Decree'],
    thong_tu: ['Thông tư', 'Circular'],
    luat: ['Luật', 'Law'],
    cong_van: ['Công văn', 'Letter'],
    to_trinh: ['Tờ trình', 'Submission'],
    chuong_trinh: ['Chương trình', 'Programme'],
    de_an: ['Đề án', 'Project'],
    quy_dinh: ['Quy định', 'Rules'],
    bien_ban: ['Biên bản', 'Minutes'],
    khac: ['Khác', 'Other'],
  },
  task_status: {
    not_started: ['Chưa thực hiện', 'Not started'],
    in_progress: ['Đang thực hiện', 'In progress'],
    done: ['Đã hoàn thành', 'Done'],
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
  // The participation catalog (docs/participation.md).
  activity_category: {
    outreach: ['Tuyên truyền, vận động', 'Outreach'],
    infrastructure: ['Đường tuần tra, đường biên, mốc giới', 'Roads, line and markers'],
    model: ['Mô hình', 'Models'],
    social: ['An sinh xã hội', 'Social programs'],
    foreign_affairs: ['Đối ngoại biên phòng', 'Border foreign affairs'],
    border_day: ['Ngày Biên phòng toàn dân', 'Border Day'],
    security: ['An ninh trật tự', 'Security'],
  },
  value_type: {
    integer: ['Số nguyên', 'Whole number'],
    decimal: ['Số thập phân', 'Decimal'],
  },
  aggregation: {
    flow: ['Cộng dồn theo kỳ', 'Summed over a period'],
    stock: ['Tính tại một thời điểm', 'Counted as of a date'],
  },
  // coordination
  conference_kind: {
    quan_triet: ['Quán triệt', 'Dissemination'],
    so_ket: ['Sơ kết', 'Interim review'],
    tong_ket: ['Tổng kết', 'Final review'],
    hoi_dam: ['Hội đàm', 'Talks'],
    giao_ban: ['Giao ban', 'Briefing'],
    ky_ket: ['Ký kết', 'Signing'],
  },
  agreement_status: {
    draft: ['Dự thảo', 'Draft'],
    signed: ['Đã ký, đang thực hiện', 'Signed'],
    ended: ['Đã hết hạn', 'Ended'],
  },
  review_result: {
    tot: ['Tốt', 'Good'],
    kha: ['Khá', 'Fairly good'],
    trung_binh: ['Trung bình', 'Average'],
    yeu: ['Yếu', 'Weak'],
  },
  evaluation: {
    done: ['Hoàn thành', 'Done'],
    partly: ['Hoàn thành một phần', 'Partly done'],
    not_done: ['Chưa hoàn thành', 'Not done'],
  },
  commendation_level: {
    giay_khen: ['Giấy khen', 'Certificate of merit (giấy khen)'],
    bang_khen: ['Bằng khen', 'Certificate of merit (bằng khen)'],
    co_thi_dua: ['Cờ thi đua', 'Emulation flag'],
    huan_chuong: ['Huân chương', 'Order'],
    huy_chuong: ['Huy chương', 'Medal'],
    danh_hieu: ['Danh hiệu thi đua', 'Emulation title'],
  },
  issuer_level: {
    nation: ['Nhà nước, Chính phủ', 'State, Government'],
    ministry: ['Bộ, ngành trung ương', 'Ministry, central body'],
    province: ['Cấp tỉnh', 'Province'],
    district: ['Cấp huyện', 'District'],
    commune: ['Cấp xã', 'Commune'],
    unit: ['Thủ trưởng đơn vị', 'Head of a unit'],
  },
  recipient_kind: {
    collective: ['Tập thể', 'Collective'],
    individual: ['Cá nhân', 'Individual'],
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

// Numbers are formatted in numbers.js (fmtNum, fmtKm, fmtVnd, fmtCount):
// the Vietnamese way in Vietnamese, the English way in English.

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
