// What needs the deployed code, so main.bicep makes it only with wireWebhooks = true (the second deployment, after
// the code): the Functions host keys the SMS webhooks present as ?code= (the same values the app checks,
// Channels:Sms:Acs:WebhookKey and Channels:Sms:Aliyun:WebhookKey, so one secret each), and the Event Grid
// subscription of ACS's incoming texts to /api/sms/acs (Event Grid's validation handshake needs the app to answer).

param functionAppName string
param acsSystemTopicName string

@secure()
param acsWebhookKey string
@secure()
param aliyunWebhookKey string
@description('https://<app>/api/sms/acs?code=<ACS webhook key>')
@secure()
param acsWebhookUrl string

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// Host keys (accepted by every function of authorization level Function). Bicep's type index has no schema for this
// type, which the Web Apps API serves (Create Or Update Host Secret).
#disable-next-line BCP081
resource acsKey 'Microsoft.Web/sites/host/functionKeys@2024-11-01' = {
  name: '${site.name}/default/acs-webhook'
  properties: {
    name: 'acs-webhook'
    value: acsWebhookKey
  }
}

#disable-next-line BCP081
resource aliyunKey 'Microsoft.Web/sites/host/functionKeys@2024-11-01' = {
  name: '${site.name}/default/aliyun-webhook'
  properties: {
    name: 'aliyun-webhook'
    value: aliyunWebhookKey
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = if (!empty(acsSystemTopicName)) {
  name: acsSystemTopicName
}

resource smsReceived 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (!empty(acsSystemTopicName)) {
  parent: systemTopic
  name: 'sms-received'
  dependsOn: [acsKey]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Communication.SMSReceived']
    }
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: acsWebhookUrl
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
