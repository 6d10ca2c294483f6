/* render_xlsxlib.h - libxlsxwriter's calls that render_xlsx.c and
 * render_org.c make, through pointers filled when xlsx is asked for
 * (render_dl.h says why). */
#ifndef CSF_RENDER_XLSXLIB_H
#define CSF_RENDER_XLSXLIB_H

#include <xlsxwriter.h>

#define XLSX_CALLS(X) \
	X(format_set_bg_color) X(format_set_bold) X(format_set_border) \
	X(format_set_border_color) X(format_set_bottom) X(format_set_text_wrap) \
	X(lxw_strerror) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
	X(workbook_new_opt) X(workbook_set_properties) X(worksheet_autofilter) \
	X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_blank) \
	X(worksheet_write_boolean) X(worksheet_write_number) X(worksheet_write_string)
struct xlsx_calls {
#define XLSX_MEMBER(f) __typeof__(f) *f;
	XLSX_CALLS(XLSX_MEMBER)
#undef XLSX_MEMBER
};
extern struct xlsx_calls xlsxlib;

#endif
