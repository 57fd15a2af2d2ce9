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
};

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
