/**
 * Copy-paste snippets for the gateway. They read the token from `SWITCHYARD_TOKEN` rather than
 * embedding it, so a snippet pasted into a chat or a repository carries no credential.
 */
export interface GatewaySnippet {
  id: 'js' | 'python' | 'curl';
  label: string;
  code: string;
}

export function gatewaySnippets(baseUrl: string): GatewaySnippet[] {
  return [
    {
      id: 'js',
      label: 'OpenAI SDK (JavaScript)',
      code: `import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: '${baseUrl}',
  apiKey: process.env.SWITCHYARD_TOKEN,
});
const reply = await client.chat.completions.create({
  model: 'auto',
  messages: [{ role: 'user', content: 'Hello' }],
});
console.log(reply.choices[0].message.content);`,
    },
    {
      id: 'python',
      label: 'OpenAI SDK (Python)',
      code: `import os
from openai import OpenAI

client = OpenAI(base_url="${baseUrl}", api_key=os.environ["SWITCHYARD_TOKEN"])
reply = client.chat.completions.create(
    model="auto",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)`,
    },
    {
      id: 'curl',
      label: 'curl',
      code: `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $SWITCHYARD_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "auto", "messages": [{"role": "user", "content": "Hello"}]}'`,
    },
  ];
}
