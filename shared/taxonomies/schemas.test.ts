import { describe, expect, it } from 'vitest';
import enums from '../../config/taxonomies/catalog-enums.json' with { type: 'json' };
import industries from '../../config/taxonomies/industries-gbt4754-2017.json' with { type: 'json' };
import regions from '../../config/taxonomies/regions-gbt2260.json' with { type: 'json' };
import tech from '../../config/taxonomies/tech-fields.json' with { type: 'json' };
import { CatalogEnumsFile, IndustriesFile, parseTaxonomy, RegionsFile, TechFieldsFile } from './schemas.js';

const clone = <T>(x: T): T => structuredClone(x);

/** Malformed copies of the shipped files must be rejected with a message naming the problem. */
describe('taxonomy file validation', () => {
  it('accepts the shipped files', () => {
    expect(() => parseTaxonomy('industries', IndustriesFile, industries)).not.toThrow();
    expect(() => parseTaxonomy('regions', RegionsFile, regions)).not.toThrow();
    expect(() => parseTaxonomy('tech', TechFieldsFile, tech)).not.toThrow();
    expect(() => parseTaxonomy('enums', CatalogEnumsFile, enums)).not.toThrow();
  });

  it('rejects a division in an unknown section', () => {
    const bad = clone(industries);
    bad.divisions[0]!.section = 'Z';
    expect(() => parseTaxonomy('industries.json', IndustriesFile, bad)).toThrow(/industries\.json is malformed[\s\S]*unknown section Z/);
  });

  it('rejects a duplicate division code', () => {
    const bad = clone(industries);
    bad.divisions[1]!.code = '01';
    expect(() => parseTaxonomy('x', IndustriesFile, bad)).toThrow(/duplicate code 01/);
  });

  it('rejects a county whose parent is missing or does not nest', () => {
    const orphan = clone(regions);
    orphan.regions.push({ code: '620699', name: '测试县', nameEn: 'Test', parent: '629900', level: 'county' });
    expect(() => parseTaxonomy('x', RegionsFile, orphan)).toThrow(/needs a prefecture parent/);
    const misnested = clone(regions);
    misnested.regions.push({ code: '620199', name: '测试县', nameEn: 'Test', parent: '620600', level: 'county' });
    expect(() => parseTaxonomy('x', RegionsFile, misnested)).toThrow(/does not nest/);
  });

  it('rejects a subfield filed under the wrong field', () => {
    const bad = clone(tech);
    bad.fields[0]!.children[0]!.code = 'F02.01';
    expect(() => parseTaxonomy('x', TechFieldsFile, bad)).toThrow();
  });

  it('rejects enumerations whose codes drift from codes.ts', () => {
    const renamed = clone(enums);
    renamed.enums.achievementStage.values[0]!.code = 'initial';
    expect(() => parseTaxonomy('x', CatalogEnumsFile, renamed)).toThrow(/achievementStage/);
    const missing = clone(enums) as { enums: Record<string, unknown> };
    delete missing.enums.licenseKind;
    expect(() => parseTaxonomy('x', CatalogEnumsFile, missing)).toThrow(/licenseKind/);
  });

  it('rejects a compatibility row with an unknown mode', () => {
    const bad = clone(enums);
    bad.compatibility.push({ cooperationMode: 'crowdfunding', transferMode: 'transfer', fit: 'direct' });
    expect(() => parseTaxonomy('x', CatalogEnumsFile, bad)).toThrow(/compatibility/);
  });
});
