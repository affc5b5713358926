import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers';
import { AZURE_ENDPOINT_ENV, PROVIDER_KEY_ENV, azureBaseUrlFromEndpoint, findEnvKeys } from './envKeys';
import { last4, maskedKey } from './keyView';

describe('provider keys in the environment', () => {
  it('takes the first non-empty variable per provider, trimmed', () => {
    const found = findEnvKeys({
      GEMINI_API_KEY: '  ',
      GOOGLE_GENERATIVE_AI_API_KEY: ' AIza-second\n',
      GOOGLE_API_KEY: 'AIza-third',
      ZHIPUAI_API_KEY: 'zhipu-two',
      HUGGINGFACE_API_KEY: 'hf-two',
      HF_TOKEN: 'hf-one',
    });
    expect(found).toEqual([
      { provider: 'google', envVar: 'GOOGLE_GENERATIVE_AI_API_KEY', value: 'AIza-second' },
      { provider: 'zhipu', envVar: 'ZHIPUAI_API_KEY', value: 'zhipu-two' },
      { provider: 'huggingface', envVar: 'HF_TOKEN', value: 'hf-one' },
    ]);
  });

  it('knows a variable for every cloud provider, and none for local servers', () => {
    const withVars = Object.keys(PROVIDER_KEY_ENV);
    expect(PROVIDER_IDS.filter((p) => !withVars.includes(p))).toEqual(['ollama', 'lmstudio', 'custom']);
    expect(PROVIDER_KEY_ENV.qwen).toEqual(['DASHSCOPE_API_KEY']);
    expect(PROVIDER_KEY_ENV.github).toEqual(['GITHUB_TOKEN']);
    expect(AZURE_ENDPOINT_ENV).toBe('AZURE_OPENAI_ENDPOINT');
  });

  it("turns Azure's endpoint into the SDK's base URL", () => {
    expect(azureBaseUrlFromEndpoint('https://contoso.openai.azure.com/')).toBe(
      'https://contoso.openai.azure.com/openai',
    );
    expect(azureBaseUrlFromEndpoint('https://contoso.openai.azure.com/openai/v1/')).toBe(
      'https://contoso.openai.azure.com/openai',
    );
  });
});

describe('masking', () => {
  it('shows the last four characters only of keys of 12 characters or more', () => {
    expect(last4('sk-abcdefgh1234')).toBe('1234');
    expect(last4('12345678901')).toBeNull();
    expect(last4('123456789012')).toBe('9012');
    expect(maskedKey('short')).toBe('(stored)');
    expect(maskedKey(null)).toBe('—');
  });
});
