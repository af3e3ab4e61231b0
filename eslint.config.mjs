import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries on two axes. `type:` says what kind of project it is (apps sit
// on top, features compose utils, utils stand alone); `scope:` says which part of
// the system it belongs to. The maths libraries (schemas, gbdt, model) and the
// shared utilities must stay free of Kafka so they run anywhere: in tests, in
// offline evaluation, in a notebook.
const noKafka = ['kafkajs'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/.tmrm/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: noKafka,
            },
            {
              sourceTag: 'scope:maths',
              onlyDependOnLibsWithTags: ['scope:maths', 'scope:shared'],
              bannedExternalImports: noKafka,
            },
            {
              sourceTag: 'scope:data',
              onlyDependOnLibsWithTags: ['scope:data', 'scope:maths', 'scope:shared'],
              bannedExternalImports: noKafka,
            },
            {
              sourceTag: 'scope:io',
              onlyDependOnLibsWithTags: ['scope:io', 'scope:maths', 'scope:shared'],
            },
            {
              sourceTag: 'scope:pipeline',
              onlyDependOnLibsWithTags: [
                'scope:pipeline',
                'scope:io',
                'scope:data',
                'scope:maths',
                'scope:shared',
              ],
            },
            {
              sourceTag: 'scope:eval',
              onlyDependOnLibsWithTags: [
                'scope:eval',
                'scope:pipeline',
                'scope:data',
                'scope:maths',
                'scope:shared',
              ],
              bannedExternalImports: noKafka,
            },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:shared', 'scope:io'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-len': [
        'error',
        { code: 100, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
