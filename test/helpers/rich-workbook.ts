// A workbook with everything a user's file may carry besides cells, built for the patch tests:
// exceljs writes the cells, a data validation, conditional formats, a picture, defined names and
// print titles; the parts exceljs cannot write are added as OOXML by hand: a chart on a sheet, a
// chart sheet, a pivot table with its cache, printer settings and a custom XML item.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { strippedWorkbook } from './strip';
import { WORKSHEET_ORDER } from '../../src/adapters/xlsx/patch/sheet-data';
import { insertChild } from '../../src/adapters/xlsx/patch/xml-edit';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export const TABLE = '表';
export const SUMMARY = '汇总';
export const PIVOT = '透视';
export const CHART_SHEET = '图表';

function chartXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>` +
    `<c:cat><c:strRef><c:f>'${TABLE}'!$A$5:$A$8</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'${TABLE}'!$C$5:$C$8</c:f></c:numRef></c:val></c:ser>` +
    '<c:axId val="11"/><c:axId val="12"/></c:barChart>' +
    '<c:catAx><c:axId val="11"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="12"/></c:catAx>' +
    '<c:valAx><c:axId val="12"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="11"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

function frame(rId: string): string {
  return `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="${rId}"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
}

function rel(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
}

function relsXml(...rels: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS}">${rels.join('')}</Relationships>`;
}

function addRels(xml: string | undefined, ...rels: string[]): string {
  if (!xml) return relsXml(...rels);
  const at = xml.lastIndexOf('</Relationships>');
  return xml.slice(0, at) + rels.join('') + xml.slice(at);
}

function override(part: string, type: string): string {
  return `<Override PartName="/${part}" ContentType="${type}"/>`;
}

export async function richWorkbook(): Promise<Buffer> {
  const wb = strippedWorkbook({
    title: '一般公共预算支出表',
    unit: '万元',
    columns: ['合计', '基本支出', '项目支出'],
    rows: [
      { code: '2010301', name: '', amounts: [386.42, 386.42, 0] },
      { code: '2010302', name: '一般行政管理事务', amounts: [58.6, 0, 58.6] },
      { code: '2080501', name: '', amounts: [12.8, 12.8, 0] },
      { code: '2210201', name: '住房公积金', amounts: [36.27, 36.27, 0] },
    ],
  });
  const ws = wb.getWorksheet(TABLE)!;
  ws.getCell('F5').value = '已核';
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('F5:F8', { type: 'list', allowBlank: true, formulae: ['"已核,未核"'], showErrorMessage: true, errorTitle: '输入有误', error: '请选择' });
  ws.addConditionalFormatting({ ref: 'C5:E8', rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['$C$4'], priority: 1, style: { font: { color: { argb: 'FFFF0000' } } } }] });
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:3' };
  ws.getCell('B10').value = '制表：张三';
  ws.getCell('B10').note = '会计的批注';
  ws.mergeCells('B10:C10');
  const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(image, { tl: { col: 6, row: 9 }, ext: { width: 20, height: 20 } });
  wb.definedNames.add(`'${TABLE}'!$C$5:$C$8`, '金额');
  const sum = wb.addWorksheet(SUMMARY);
  sum.getCell('A1').value = '合计';
  sum.getCell('B1').value = { formula: `SUM('${TABLE}'!C5:C8)`, result: 494.09 } as ExcelJS.CellFormulaValue;
  sum.getCell('B2').value = { formula: `'${TABLE}'!C4`, result: 0 } as ExcelJS.CellFormulaValue;
  sum.getCell('B3').value = { formula: 'SUM(金额)', result: 494.09 } as ExcelJS.CellFormulaValue;
  wb.addWorksheet(PIVOT).getCell('A1').value = '透视表';
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const text = async (name: string) => zip.file(name)?.async('string');

  // the sheets as exceljs numbered them: 表 sheet1, 汇总 sheet2, 透视 sheet3
  const types: string[] = [];
  // a chart on 汇总
  zip.file('xl/charts/chart1.xml', chartXml());
  zip.file('xl/drawings/drawing9.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${frame('rId1')}<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`);
  zip.file('xl/drawings/_rels/drawing9.xml.rels', relsXml(rel('rId1', `${R}/chart`, '../charts/chart1.xml')));
  zip.file('xl/worksheets/_rels/sheet2.xml.rels', addRels(await text('xl/worksheets/_rels/sheet2.xml.rels'), rel('rIdChart', `${R}/drawing`, '../drawings/drawing9.xml')));
  zip.file('xl/worksheets/sheet2.xml', insertChild((await text('xl/worksheets/sheet2.xml'))!, 'worksheet', WORKSHEET_ORDER, 'drawing', '<drawing r:id="rIdChart"/>'));
  types.push(override('xl/charts/chart1.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml'), override('xl/drawings/drawing9.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml'));

  // a chart sheet
  zip.file('xl/charts/chart2.xml', chartXml());
  zip.file('xl/drawings/drawing10.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/>${frame('rId1')}<xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`);
  zip.file('xl/drawings/_rels/drawing10.xml.rels', relsXml(rel('rId1', `${R}/chart`, '../charts/chart2.xml')));
  zip.file('xl/chartsheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${MAIN}" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView zoomToFit="1" workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`);
  zip.file('xl/chartsheets/_rels/sheet1.xml.rels', relsXml(rel('rId1', `${R}/drawing`, '../drawings/drawing10.xml')));
  types.push(
    override('xl/charts/chart2.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml'),
    override('xl/drawings/drawing10.xml', 'application/vnd.openxmlformats-officedocument.drawing+xml'),
    override('xl/chartsheets/sheet1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml'),
  );

  // a pivot table on 透视 over the table's rows
  zip.file(
    'xl/pivotCache/pivotCacheDefinition1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" refreshOnLoad="1" recordCount="0" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3"><cacheSource type="worksheet"><worksheetSource ref="A3:C8" sheet="${TABLE}"/></cacheSource><cacheFields count="3"><cacheField name="科目编码" numFmtId="0"><sharedItems/></cacheField><cacheField name="科目名称" numFmtId="0"><sharedItems/></cacheField><cacheField name="合计" numFmtId="0"><sharedItems containsNumber="1" containsString="0" containsSemiMixedTypes="0" minValue="0" maxValue="1000"/></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  zip.file(
    'xl/pivotTables/pivotTable1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${MAIN}" name="数据透视表1" cacheId="1" dataCaption="值" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" useAutoFormatting="1" itemPrintTitles="1" indent="0" outline="1" outlineData="1"><location ref="A3:A4" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="3"><pivotField showAll="0"/><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields><dataFields count="1"><dataField name="求和项:合计" fld="2" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
  );
  zip.file('xl/pivotTables/_rels/pivotTable1.xml.rels', relsXml(rel('rId1', `${R}/pivotCacheDefinition`, '../pivotCache/pivotCacheDefinition1.xml')));
  zip.file('xl/worksheets/_rels/sheet3.xml.rels', addRels(await text('xl/worksheets/_rels/sheet3.xml.rels'), rel('rIdPivot', `${R}/pivotTable`, '../pivotTables/pivotTable1.xml')));
  types.push(
    override('xl/pivotCache/pivotCacheDefinition1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml'),
    override('xl/pivotTables/pivotTable1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml'),
  );

  // printer settings of 表
  zip.file('xl/printerSettings/printerSettings1.bin', Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)));
  zip.file('xl/worksheets/_rels/sheet1.xml.rels', addRels(await text('xl/worksheets/_rels/sheet1.xml.rels'), rel('rIdPrinter', `${R}/printerSettings`, '../printerSettings/printerSettings1.bin')));
  const sheet1 = (await text('xl/worksheets/sheet1.xml'))!;
  zip.file('xl/worksheets/sheet1.xml', sheet1.replace('<pageSetup ', '<pageSetup r:id="rIdPrinter" '));
  types.push('<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>');

  // a custom XML item
  zip.file('customXml/item1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="no"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL"/>');
  zip.file('customXml/itemProps1.xml', '<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6C2B3A44-95E1-4A7B-9D1B-7A3C0F2D1E11}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>');
  zip.file('customXml/_rels/item1.xml.rels', relsXml(rel('rId1', `${R}/customXmlProps`, 'itemProps1.xml')));
  types.push(override('customXml/itemProps1.xml', 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml'));

  // the workbook: the chart sheet, the pivot cache and the custom XML item
  let workbook = (await text('xl/workbook.xml'))!;
  workbook = workbook.replace('</sheets>', `<sheet name="${CHART_SHEET}" sheetId="90" r:id="rIdChartSheet"/></sheets>`);
  workbook = insertChild(workbook, 'workbook', ['sheets', 'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'extLst'], 'pivotCaches', '<pivotCaches><pivotCache cacheId="1" r:id="rIdPivotCache"/></pivotCaches>');
  zip.file('xl/workbook.xml', workbook);
  zip.file(
    'xl/_rels/workbook.xml.rels',
    addRels(
      await text('xl/_rels/workbook.xml.rels'),
      rel('rIdChartSheet', `${R}/chartsheet`, 'chartsheets/sheet1.xml'),
      rel('rIdPivotCache', `${R}/pivotCacheDefinition`, 'pivotCache/pivotCacheDefinition1.xml'),
      rel('rIdCustom', `${R}/customXml`, '../customXml/item1.xml'),
    ),
  );
  const ct = (await text('[Content_Types].xml'))!;
  zip.file('[Content_Types].xml', ct.replace('</Types>', `${types.join('')}</Types>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
