import type { EntityMapping } from '../../writer/mapping-types.ts';
import { idOf, optionalText, text } from '../field-readers.ts';

/**
 * Vehicle platform `t_gwc_dw` (units): writes no agency (office space owns them) but links the
 * platform's unit code (`dwbm`, `DW0002`) to the hub agency with the same 统一社会信用代码, so vehicles
 * and trips resolve their `dwbm` through the crosswalk.
 */
export const vehiclePlatformUnits: EntityMapping = {
  entity: 'Agency',
  description: 'vehicle-platform t_gwc_dw → crosswalk dwbm → Agency (by credit code)',
  externalIdOf: (r) => idOf(r, 'dwbm'),
  map(record, context) {
    if (String(record.scbz ?? '0').trim() === '1') return null;
    const dwbm = text(record, 'dwbm');
    const credit = optionalText(record, 'tyshxydm');
    if (!credit) return null;
    return {
      externalId: dwbm,
      fields: {},
      link: { entity: 'Agency', field: 'code', externalId: credit },
      aliases: [{ source: context.source, externalId: dwbm }],
    };
  },
};
