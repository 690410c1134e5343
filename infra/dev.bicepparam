// A development town: scales to zero, the demo town's settings, secrets from the environment (docs/deploy.md).
using 'main.bicep'

param name = readEnvironmentVariable('DELIBERATION_NAME', 'delib-dev')
param tags = { app: 'deliberation', environment: 'dev' }

param planKind = 'FlexConsumption'
param maximumInstanceCount = 10
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param storageSku = 'Standard_LRS'
param keyVaultPurgeProtection = false
param logRetentionInDays = 30

param authTenantId = readEnvironmentVariable('DELIBERATION_TENANT_ID')
param authClientId = readEnvironmentVariable('DELIBERATION_API_CLIENT_ID')

param weChatAppId = readEnvironmentVariable('DELIBERATION_WECHAT_APP_ID', '')
param deployCommunicationServices = false
param useDurableTaskScheduler = false
param wireWebhooks = bool(readEnvironmentVariable('DELIBERATION_WIRE_WEBHOOKS', 'false'))

param weChatToken = readEnvironmentVariable('DELIBERATION_WECHAT_TOKEN')
param weChatEncodingAesKey = readEnvironmentVariable('DELIBERATION_WECHAT_ENCODING_AES_KEY')
param weChatAppSecret = readEnvironmentVariable('DELIBERATION_WECHAT_APP_SECRET')
param twilioAuthToken = readEnvironmentVariable('DELIBERATION_TWILIO_AUTH_TOKEN')
param acsWebhookKey = readEnvironmentVariable('DELIBERATION_ACS_WEBHOOK_KEY')
param aliyunWebhookKey = readEnvironmentVariable('DELIBERATION_ALIYUN_WEBHOOK_KEY')
param hotlineTranscriptSecret = readEnvironmentVariable('DELIBERATION_HOTLINE_TRANSCRIPT_SECRET')
param privacyEncryptionKey = readEnvironmentVariable('DELIBERATION_PRIVACY_ENCRYPTION_KEY')
param privacyHashKey = readEnvironmentVariable('DELIBERATION_PRIVACY_HASH_KEY')
param textAnalyticsKey = readEnvironmentVariable('DELIBERATION_TEXT_ANALYTICS_KEY')
param open311ApiKeys = readEnvironmentVariable('DELIBERATION_OPEN311_API_KEYS')
