# gen.awk - a large, realistic CSV of activities for `bienphong import
# activities`: the seed's kinds of work (outreach sessions and small-group
# outreach, leaflets, household commitments, clearing of patrol roads,
# patrols with the people) over the demo province's communes and posts
# before the 2025 merger, on days of 2019-2024, with Vietnamese titles
# and notes, a place on one row in four, and a client id on one in two.
#
#   awk -v n=200000 -f bench/activities/gen.awk > activities.csv
#
# Prints the number of indicator values to stderr ("values N").
BEGIN {
	srand(3);
	split("TD-DAOVIEN TD-QUOCKHANH TD-TRIPHUONG TD-DOITHAN VL-TANTHANH VL-THANHLONG CL-BAOLAM " \
	      "CL-DONGDANG LB-MAUSON LB-YENKHOAI LB-TUMICH LB-TAMGIA DL-BACXA DL-BINHXA DBP-POMA " \
	      "DBP-BINHNGHI DBP-TANTHANH DBP-HUUNGHI DBP-BASON DBP-CHIMA DBP-BACXA", units, " ");
	nunits = 21;
	split("Pò Mã|Nà Pán|Bản Chắt|Khòn Pổ|Phiêng Khảo|Nà Mực|Bản Cầu|Nà Chướng|Khuổi Pây", villages, "|");
	print "id,type,unit,date_from,date_to,title,notes,lon,lat,marker,buoi,luot_nguoi,to_roi,bo_tai_lieu,ho,lan,km,ngay_cong";
	values = 0;
	for (i = 0; i < n; i++) {
		k = int(rand() * 6);
		u = units[1 + int(rand() * nunits)];
		v = villages[1 + int(rand() * 9)];
		y = 2019 + int(rand() * 6); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28);
		from = sprintf("%04d-%02d-%02d", y, m, d);
		to = rand() < 0.2 ? sprintf("%04d-%02d-%02d", y, m, d + int(rand() * (29 - d))) : "";
		id = rand() < 0.5 ? sprintf("ac%06x-0000-4000-8000-%012d", int(i / 1000000), i) : "";
		place = rand() < 0.25 ? sprintf("%.7f,%.7f", 106.3 + rand() * 1.1, 21.6 + rand() * 0.8) : ",";
		b = lt = tr = bo = h = l = km = nc = "";
		if (k == 0) { t = "tuyen_truyen"; title = "Tuyên truyền Luật Biên phòng Việt Nam tại thôn " v; b = 1 + int(rand() * 2); lt = 20 + int(rand() * 120); values += 2 }
		else if (k == 1) { t = "tuyen_truyen_nho_le"; title = "Tuyên truyền nhỏ lẻ tại gia đình, thôn " v; lt = 3 + int(rand() * 30); values += 1 }
		else if (k == 2) { t = "phat_tai_lieu"; title = "Phát tờ rơi, tài liệu tuyên truyền tại chợ phiên " v; tr = 20 + int(rand() * 200); bo = int(rand() * 5); values += 2 }
		else if (k == 3) { t = "ky_cam_ket"; title = "Hộ gia đình thôn " v " ký cam kết chấp hành pháp luật"; h = 5 + int(rand() * 60); values += 1 }
		else if (k == 4) { t = "phat_quang_tu_sua"; title = "Phát quang, tu sửa đường tuần tra khu vực " v; l = 1; lt = 5 + int(rand() * 20); km = sprintf("%.1f", 0.5 + rand() * 6); nc = sprintf("%.1f", rand() * 30); values += 4 }
		else { t = "tuan_tra_nhan_dan"; title = "Tuần tra đường biên, mốc giới cùng Nhân dân thôn " v; l = 1; lt = 2 + int(rand() * 10); values += 2 }
		notes = rand() < 0.3 ? "\"Phối hợp Ban CHQS xã, Công an xã; có \"\"đồng bào\"\" tham gia\"" : "";
		printf "%s,%s,%s,%s,%s,\"%s\",%s,%s,,%s,%s,%s,%s,%s,%s,%s,%s\n", id, t, u, from, to, title, notes, place, b, lt, tr, bo, h, l, km, nc;
	}
	print "values " values > "/dev/stderr";
}
